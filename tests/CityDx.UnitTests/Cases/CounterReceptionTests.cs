using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;

namespace CityDx.UnitTests.Cases;

/// <summary>窓口代行申請: which channel and identity check go together, and who the case is for.</summary>
public sealed class CounterReceptionTests
{
    private const ChannelSet All = ChannelSet.Online | ChannelSet.Counter | ChannelSet.Mail;
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private static readonly VisitorDetails Visitor = new("大阪 花子", "オオサカ\u3000ハナコ", null, null, null, null);

    private static Case Filed(Channel channel, string? account = null) => Case.Submit(ReceiptNumber.Generate(), Guid.NewGuid(), Guid.NewGuid(), account, Guid.NewGuid(),
        channel, new Dictionary<string, string>(), Guid.NewGuid(), new DateOnly(2026, 12, 3), "staff", Now);

    private static IEnumerable<string> Codes(ChannelSet offered, Channel? channel, IdentityCheck? identity, string? note = null) =>
        CounterReception.Check(offered, channel, identity, note).Select(p => p.Code);

    [Theory]
    [InlineData(Channel.Counter, IdentityCheck.MyNumberCard)]
    [InlineData(Channel.Counter, IdentityCheck.DriversLicence)]
    [InlineData(Channel.Counter, IdentityCheck.Passport)]
    [InlineData(Channel.Counter, IdentityCheck.HealthInsurance)]
    [InlineData(Channel.Mail, IdentityCheck.MailCopy)]
    public void A_document_shown_at_the_counter_or_a_copy_by_post_is_enough(Channel channel, IdentityCheck identity) =>
        Assert.Empty(Codes(All, channel, identity));

    [Fact]
    public void Other_needs_a_note_saying_what_was_checked()
    {
        Assert.Equal(["Counter.IdentityNoteRequired"], Codes(All, Channel.Counter, IdentityCheck.Other, "  "));
        Assert.Empty(Codes(All, Channel.Mail, IdentityCheck.Other, "住民基本台帳カードの写し"));
        Assert.Equal(["Counter.IdentityNoteTooLong"], Codes(All, Channel.Counter, IdentityCheck.Other, new string('あ', CounterReception.MaxNoteLength + 1)));
    }

    [Fact]
    public void A_copy_goes_with_the_post_and_a_document_shown_with_the_counter()
    {
        Assert.Equal(["Counter.MailCopyNotAtCounter"], Codes(All, Channel.Counter, IdentityCheck.MailCopy));
        Assert.Equal(["Counter.MailNeedsCopy"], Codes(All, Channel.Mail, IdentityCheck.Passport));
    }

    [Fact]
    public void The_procedure_must_offer_the_channel_and_online_is_not_a_counter_channel()
    {
        Assert.Equal(["Counter.ChannelNotOffered"], Codes(ChannelSet.Online | ChannelSet.Counter, Channel.Mail, IdentityCheck.MailCopy));
        Assert.Equal(["Counter.ChannelNotOffered"], Codes(ChannelSet.Online, Channel.Counter, IdentityCheck.Passport));
        Assert.Equal(["Counter.ChannelRequired"], Codes(All, Channel.Online, IdentityCheck.Passport));
        Assert.Equal(["Counter.ChannelRequired", "Counter.IdentityRequired"], Codes(All, null, null));
        Assert.Equal(["Counter.IdentityRequired"], Codes(All, Channel.Counter, (IdentityCheck)99));
    }

    [Fact]
    public void Recording_keeps_the_visitor_when_there_is_no_account()
    {
        var filed = Filed(Channel.Counter);
        var unit = Guid.NewGuid();
        var key = Guid.NewGuid();

        var reception = CounterReception.Record(filed, All, key, "staff", unit, IdentityCheck.Other, " 在留カード ", Visitor, Now);

        Assert.Equal(filed.Id, reception.CaseId);
        Assert.Equal(key, reception.SubmissionKey);
        Assert.Equal(unit, reception.ReceivingUnitId);
        Assert.Equal(Channel.Counter, reception.Channel);
        Assert.Equal("在留カード", reception.IdentityNote);
        Assert.Equal(Visitor, reception.Visitor);
    }

    [Fact]
    public void A_case_is_either_on_an_account_or_records_the_visitor()
    {
        Assert.Null(CounterReception.Record(Filed(Channel.Counter, "citizen"), All, Guid.NewGuid(), "staff", Guid.NewGuid(), IdentityCheck.Passport, null, null, Now).Visitor);
        Assert.Equal("Counter.VisitorOrAccount", Assert.Throws<DomainRuleException>(() =>
            CounterReception.Record(Filed(Channel.Counter, "citizen"), All, Guid.NewGuid(), "staff", Guid.NewGuid(), IdentityCheck.Passport, null, Visitor, Now)).Code);
        Assert.Equal("Counter.VisitorOrAccount", Assert.Throws<DomainRuleException>(() =>
            CounterReception.Record(Filed(Channel.Counter), All, Guid.NewGuid(), "staff", Guid.NewGuid(), IdentityCheck.Passport, null, null, Now)).Code);
    }

    [Fact]
    public void Recording_refuses_what_the_check_refuses()
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            CounterReception.Record(Filed(Channel.Online), All, Guid.NewGuid(), "staff", Guid.NewGuid(), IdentityCheck.Passport, null, Visitor, Now));
        Assert.Equal("Counter.ChannelRequired", ex.Code);
    }
}
