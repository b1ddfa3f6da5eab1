using CityDx.Domain.Cases;

namespace CityDx.UnitTests.Cases;

public sealed class CaseTests
{
    private static readonly DateTimeOffset Filed = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly CityDx.Domain.Japanese.BusinessCalendar Calendar = new();
    private static readonly CaseActor Staff = CaseActor.StaffMember("staff", isStaff: true, isApprover: false);

    private static Case NewCase() => Case.Submit(ReceiptNumber.Generate(), Guid.NewGuid(), Guid.NewGuid(), "citizen", Guid.NewGuid(),
        Channel.Online, new Dictionary<string, string> { ["name"] = "大阪 花子" }, Guid.NewGuid(), new DateOnly(2026, 4, 8), "citizen", Filed);

    [Fact]
    public void A_new_case_is_submitted_with_one_history_line()
    {
        var c = NewCase();
        Assert.Equal(CaseStatus.Submitted, c.Status);
        var line = Assert.Single(c.History);
        Assert.Null(line.FromStatus);
        Assert.Equal(CaseStatus.Submitted, line.ToStatus);
        Assert.Equal("大阪 花子", c.Answers["name"]);
    }

    [Fact]
    public void Staff_approve_and_the_history_records_who_when_from_and_to()
    {
        var c = NewCase();
        var at = Filed.AddDays(2);
        c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.StartReview, Staff, null, at, Calendar);
        c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Approve, Staff, " 問題ありません ", at.AddHours(1), Calendar);

        Assert.Equal(CaseStatus.Approved, c.Status);
        Assert.Equal(at.AddHours(1), c.DecidedAt);
        Assert.Equal(3, c.Version);
        var last = c.History[^1];
        Assert.Equal(CaseStatus.UnderReview, last.FromStatus);
        Assert.Equal(CaseStatus.Approved, last.ToStatus);
        Assert.Equal("staff", last.ActorUserId);
        Assert.Equal("問題ありません", last.Comment);
    }

    [Fact]
    public void A_decided_case_cannot_be_decided_again()
    {
        var c = NewCase();
        c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Approve, Staff, null, Filed, Calendar);
        var ex = Assert.Throws<DomainRuleException>(() => c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Reject, Staff, "no", Filed, Calendar));
        Assert.Equal("Case.ActionNotAllowed", ex.Code);
        Assert.Equal(2, c.History.Count);
    }

    [Fact]
    public void Rejecting_without_a_reason_is_refused_and_changes_nothing()
    {
        var c = NewCase();
        var ex = Assert.Throws<DomainRuleException>(() => c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Reject, Staff, "   ", Filed, Calendar));
        Assert.Equal("Case.CommentRequired", ex.Code);
        Assert.Equal(CaseStatus.Submitted, c.Status);
        Assert.Single(c.History);
        Assert.Equal(1, c.Version);
    }

    [Fact]
    public void Only_the_applicant_withdraws_and_staff_cannot_withdraw_for_them()
    {
        var c = NewCase();
        Assert.Throws<DomainRuleException>(() => c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Withdraw, Staff, "x", Filed, Calendar));
        c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Withdraw, CaseActor.Applicant("citizen"), "引越しのため", Filed, Calendar);
        Assert.Equal(CaseStatus.Withdrawn, c.Status);
    }

    [Theory]
    [InlineData(CaseStatus.Submitted, new[] { CaseAction.StartReview, CaseAction.RequestCorrection, CaseAction.Approve, CaseAction.Reject })]
    [InlineData(CaseStatus.UnderReview, new[] { CaseAction.RequestCorrection, CaseAction.Approve, CaseAction.Reject })]
    [InlineData(CaseStatus.AwaitingCorrection, new[] { CaseAction.ResumeReview })]
    [InlineData(CaseStatus.Approved, new[] { CaseAction.Complete })]
    [InlineData(CaseStatus.Rejected, new string[0])]
    public void Staff_see_the_actions_of_the_state(string status, string[] expected) =>
        Assert.Equal(expected, CaseWorkflow.DefaultWithoutApproval.AvailableFrom(status, Staff.Roles).Select(t => t.Action).Distinct().ToArray());

    private static CityDx.Domain.Payments.PaymentReceipt Card(int yen, string reference) =>
        new(yen, new DateOnly(2026, 4, 1), CityDx.Domain.Payments.PaymentChannel.Card, reference);

    [Fact]
    public void A_fee_is_due_then_paid_once()
    {
        var c = NewCase();
        Assert.Equal(PaymentState.NotRequired, c.PaymentState);
        Assert.Throws<DomainRuleException>(() => c.RecordPayment(Card(300, "x"), "citizen", Filed));
        c.RequireFee(300);
        c.ChoosePayAtCounter("SLIP-1");
        Assert.Equal(PaymentState.PayAtCounter, c.PaymentState);
        c.RecordPayment(Card(300, "SIM-1-4242"), "citizen", Filed);
        Assert.Equal(PaymentState.Paid, c.PaymentState);
        Assert.Equal(300, c.FeeYen);
        Assert.Throws<DomainRuleException>(() => c.RecordPayment(Card(300, "again"), "citizen", Filed));
        Assert.Throws<DomainRuleException>(() => c.RequireFee(500));
    }
}
