using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;

namespace CityDx.UnitTests.Cases;

public sealed class DraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Life = TimeSpan.FromDays(30);

    private static readonly FormStep About = new("about", "あなた", "You",
    [
        new("name", FieldType.PersonName, "氏名", "Name"),
        new("birth", FieldType.Date, "生年月日", "Birth date"),
        new("address", FieldType.PostalAddress, "住所", "Address"),
        new("kids", FieldType.RepeatingGroup, "子", "Children", SubFields: [new("name", FieldType.PersonName, "氏名", "Name")]),
        new("has_pet", FieldType.YesNo, "ペット", "Pet"),
    ]);

    private static readonly FormStep Pet = new("pet", "ペット", "Pet", [new("pet_name", FieldType.ShortText, "名前", "Name")], new Condition("has_pet", ConditionOperator.IsYes));
    private static readonly FormStep Contact = new("contact", "連絡先", "Contact", [new("phone", FieldType.Phone, "電話", "Phone")]);
    private static readonly FormDefinition Form = new([About, Pet, Contact]);

    private static Procedure NewProcedure(Routing routing, ProxyPolicy proxy) =>
        new("p", new ProcedureDetails("届出", "Form", "", "", "registration", [], "", "", "", [], [], null, FeeTiming.None, 5, routing, ChannelSet.Online, Guid.NewGuid(), Proxy: proxy));

    [Fact]
    public void Saving_a_step_replaces_that_steps_answers_only_and_restarts_the_expiry()
    {
        var draft = Draft.Start("u", Guid.NewGuid(), Guid.NewGuid(), Now, Life);
        draft.SaveStep("about", k => FormDefinition.StepOwnsKey(About, k), new Dictionary<string, string> { ["name"] = "山田", ["kids[0].name"] = "一郎" }, Now, Life);
        draft.SaveStep("contact", k => FormDefinition.StepOwnsKey(Contact, k), new Dictionary<string, string> { ["phone"] = "0612345678" }, Now.AddDays(2), Life);
        // The second save of "about" drops the removed row and keeps the other page.
        draft.SaveStep("about", k => FormDefinition.StepOwnsKey(About, k), new Dictionary<string, string> { ["name"] = "山田 花子" }, Now.AddDays(3), Life);

        Assert.Equal(new Dictionary<string, string> { ["name"] = "山田 花子", ["phone"] = "0612345678" }, draft.Answers);
        Assert.Equal(["contact", "about"], draft.CompletedSteps);
        Assert.Equal(Now.AddDays(33), draft.ExpiresAt);
        Assert.False(draft.IsExpired(Now.AddDays(32)));
        Assert.True(draft.IsExpired(Now.AddDays(33)));
    }

    [Fact]
    public void A_step_cannot_store_answers_of_another_step_and_a_submitted_or_expired_draft_cannot_change()
    {
        var draft = Draft.Start("u", Guid.NewGuid(), Guid.NewGuid(), Now, Life);
        Assert.Throws<ArgumentException>(() => draft.SaveStep("about", k => FormDefinition.StepOwnsKey(About, k), new Dictionary<string, string> { ["phone"] = "1" }, Now, Life));

        var expired = Draft.Start("u", Guid.NewGuid(), Guid.NewGuid(), Now, Life);
        Assert.Equal("Draft.Expired", Assert.Throws<DomainRuleException>(() => expired.MarkSubmitted(Guid.NewGuid(), Now.AddDays(31))).Code);

        draft.SaveStep("contact", k => FormDefinition.StepOwnsKey(Contact, k), new Dictionary<string, string> { ["phone"] = "0612345678" }, Now, Life);
        var caseId = Guid.NewGuid();
        draft.MarkSubmitted(caseId, Now);
        Assert.Empty(draft.Answers);
        Assert.Equal(caseId, draft.CaseId);
        Assert.False(draft.IsExpired(Now.AddYears(1)));
        Assert.Equal("Draft.AlreadySubmitted", Assert.Throws<DomainRuleException>(() => draft.MarkSubmitted(Guid.NewGuid(), Now)).Code);
    }

    [Theory]
    [InlineData("name", true)]
    [InlineData("birth.year", true)]
    [InlineData("birth.era", true)]
    [InlineData("birth.hour", false)]
    [InlineData("address.postal_code", true)]
    [InlineData("address.evil", false)]
    [InlineData("kids", true)]
    [InlineData("kids[0].name", true)]
    [InlineData("kids[99].name", true)]
    [InlineData("kids[100].name", false)]
    [InlineData("kids[0].other", false)]
    [InlineData("kids[x].name", false)]
    [InlineData("names", false)]
    [InlineData("phone", false)]
    [InlineData("_subject_name", false)]
    public void A_step_owns_exactly_the_keys_its_questions_read(string key, bool owned) =>
        Assert.Equal(owned, FormDefinition.StepOwnsKey(About, key));

    [Fact]
    public void A_step_is_checked_on_its_own_with_conditions_read_from_all_answers()
    {
        var answers = new Dictionary<string, string?> { ["has_pet"] = "yes", ["pet_name"] = "", ["phone"] = "bad" };
        var pet = Form.ValidateStep(Pet, answers);
        Assert.Equal(["pet_name"], pet.Errors.Select(e => e.FieldKey));
        Assert.True(Form.ValidateStep(Pet, new Dictionary<string, string?> { ["has_pet"] = "no" }).IsValid);
    }

    [Fact]
    public void The_pages_are_the_applicant_page_when_needed_then_the_visible_steps()
    {
        var noPet = new Dictionary<string, string?> { ["has_pet"] = "no" };
        var pages = new FilingPages(NewProcedure(Routing.ChosenWard, ProxyPolicy.NotAllowed), Form, noPet);
        Assert.Equal([FilingPages.ApplicantKey, "about", "contact"], pages.Pages.Select(p => p.Key));
        Assert.Equal(3, pages.Number("contact"));
        Assert.Equal(0, pages.Number("pet"));
        Assert.Equal("about", pages.Previous("contact")?.Key);
        Assert.Null(pages.Previous(FilingPages.ApplicantKey));

        var central = new FilingPages(NewProcedure(Routing.CentralProcessingCentre, ProxyPolicy.NotAllowed), Form, new Dictionary<string, string?> { ["has_pet"] = "yes" });
        Assert.Equal(["about", "pet", "contact"], central.Pages.Select(p => p.Key));
        Assert.Equal("pet", central.Next("about", ["about"], returningToCheck: false)?.Key);
        // From check your answers: straight back, unless the change opened a page still to complete.
        Assert.Equal("pet", central.Next("about", ["about", "contact"], returningToCheck: true)?.Key);
        Assert.Null(central.Next("about", ["about", "pet", "contact"], returningToCheck: true));
        Assert.Null(central.Next("contact", ["about", "pet", "contact"], returningToCheck: false));

        var proxy = new FilingPages(NewProcedure(Routing.OwningUnit, ProxyPolicy.Allowed), Form, noPet);
        Assert.True(proxy.Pages[0].IsApplicantPage);
    }
}
