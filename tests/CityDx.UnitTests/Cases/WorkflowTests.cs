using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;

namespace CityDx.UnitTests.Cases;

public sealed class WorkflowTests
{
    private static readonly BusinessCalendar Calendar = new();
    private static readonly DateTimeOffset Filed = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly CaseActor Reviewer = CaseActor.StaffMember("reviewer", isStaff: true, isApprover: false);
    private static readonly CaseActor Approver = CaseActor.StaffMember("approver", isStaff: false, isApprover: true);

    private static Case NewCase() => Case.Submit(ReceiptNumber.Generate(), Guid.NewGuid(), Guid.NewGuid(), "citizen", Guid.NewGuid(),
        Channel.Online, new Dictionary<string, string>(), Guid.NewGuid(), new DateOnly(2026, 4, 15), "citizen", Filed);

    [Fact]
    public void With_approval_the_reviewer_sends_for_approval_and_only_an_approver_decides()
    {
        var c = NewCase();
        c.Apply(CaseWorkflow.Default, CaseAction.StartReview, Reviewer, null, Filed, Calendar);
        Assert.Equal("Case.ActionNotAllowed", Assert.Throws<DomainRuleException>(() =>
            c.Apply(CaseWorkflow.Default, CaseAction.Approve, Reviewer, null, Filed, Calendar)).Code);
        c.Apply(CaseWorkflow.Default, CaseAction.SubmitForApproval, Reviewer, "問題ありません", Filed, Calendar);
        c.Apply(CaseWorkflow.Default, CaseAction.Approve, Approver, null, Filed.AddHours(1), Calendar);

        Assert.Equal(CaseStatus.Approved, c.Status);
        Assert.Equal(Filed.AddHours(1), c.DecidedAt);
        Assert.Equal(WorkflowRole.Approver, c.History[^1].ActorRole);
        Assert.Equal(CaseAction.Approve, c.History[^1].Action);
    }

    [Fact]
    public void An_approver_who_reviewed_the_case_cannot_decide_it_and_nothing_changes()
    {
        var both = CaseActor.StaffMember("kacho", isStaff: true, isApprover: true);
        var c = NewCase();
        c.Apply(CaseWorkflow.Default, CaseAction.SubmitForApproval, both, null, Filed, Calendar);
        var version = c.Version;

        var ex = Assert.Throws<DomainRuleException>(() => c.Apply(CaseWorkflow.Default, CaseAction.Approve, both, null, Filed, Calendar));

        Assert.Equal("Case.SeparationOfDuties", ex.Code);
        Assert.Equal(CaseStatus.AwaitingApproval, c.Status);
        Assert.Equal(version, c.Version);
        c.Apply(CaseWorkflow.Default, CaseAction.Approve, Approver, null, Filed, Calendar);
        Assert.Equal(CaseStatus.Approved, c.Status);
    }

    [Fact]
    public void Claiming_a_case_does_not_make_an_approver_its_reviewer()
    {
        var c = NewCase();
        c.Assign("approver", "approver", Filed);
        c.Apply(CaseWorkflow.Default, CaseAction.SubmitForApproval, Reviewer, null, Filed, Calendar);
        c.Apply(CaseWorkflow.Default, CaseAction.Approve, Approver, null, Filed, Calendar);
        Assert.Equal(CaseStatus.Approved, c.Status);
    }

    [Fact]
    public void Turning_approval_off_and_on_keeps_the_states_an_admin_added()
    {
        var custom = CaseWorkflow.Default
            .WithState(new WorkflowState("SiteInspection", ClockRuns: false, Terminal: false, NameJa: "現地調査中", NameEn: "Site inspection"))
            .WithTransition(new WorkflowTransition("ReturnFromSite", "SiteInspection", CaseStatus.UnderReview, WorkflowRole.Staff, NameJa: "調査完了", NameEn: "Inspection done"))
            .WithTransition(new WorkflowTransition("SendToSite", CaseStatus.UnderReview, "SiteInspection", WorkflowRole.Staff, NameJa: "現地調査へ", NameEn: "To site inspection"));
        Assert.Empty(custom.Problems());

        var off = custom.WithApproval(false);
        Assert.False(off.RequiresApproval);
        Assert.Null(off.State(CaseStatus.AwaitingApproval));
        Assert.NotNull(off.State("SiteInspection"));
        Assert.NotNull(off.Find(CaseStatus.UnderReview, CaseAction.Approve, WorkflowRole.Staff));
        Assert.Empty(off.Problems());
        Assert.True(off.WithApproval(true).RequiresApproval);
        Assert.Equal(custom.ToJson(), CaseWorkflow.FromJson(custom.ToJson()).ToJson());
    }

    [Fact]
    public void Days_in_a_state_where_the_clock_stops_move_the_due_date()
    {
        var workflow = CaseWorkflow.Default
            .WithState(new WorkflowState("WaitingForAgency", ClockRuns: false, Terminal: false, NameJa: "他機関照会中", NameEn: "Waiting for another agency"))
            .WithTransition(new WorkflowTransition("AgencyAnswered", "WaitingForAgency", CaseStatus.UnderReview, WorkflowRole.Staff, NameJa: "回答あり", NameEn: "Answer received"))
            .WithTransition(new WorkflowTransition("AskAgency", CaseStatus.UnderReview, "WaitingForAgency", WorkflowRole.Staff, NameJa: "照会する", NameEn: "Ask the agency"));
        var c = NewCase();
        var jst = TimeSpan.FromHours(9);
        c.Apply(workflow, CaseAction.StartReview, Reviewer, null, Filed, Calendar);
        c.Apply(workflow, "AskAgency", Reviewer, null, new DateTimeOffset(2026, 4, 6, 10, 0, 0, jst), Calendar);   // Monday
        Assert.NotNull(c.ClockPausedAt);
        Assert.Equal(Due.Paused, Sla.DueStateOf(workflow, c.Status, c.DueDate, new DateOnly(2026, 4, 20), Calendar, 3));
        c.Apply(workflow, "AgencyAnswered", Reviewer, null, new DateTimeOffset(2026, 4, 9, 10, 0, 0, jst), Calendar); // Thursday: 3 business days

        Assert.Null(c.ClockPausedAt);
        Assert.Equal(Calendar.AddBusinessDays(new DateOnly(2026, 4, 15), 3), c.DueDate);
    }

    [Fact]
    public void A_broken_workflow_is_refused_with_the_reason()
    {
        var trap = CaseWorkflow.Default
            .WithState(new WorkflowState("Limbo", ClockRuns: true, Terminal: false, NameJa: "保留", NameEn: "On hold"))
            .WithTransition(new WorkflowTransition("Hold", CaseStatus.UnderReview, "Limbo", WorkflowRole.Staff, NameJa: "保留する", NameEn: "Hold"));
        Assert.Contains(trap.Problems(), p => p.Code == "Workflow.DeadEnd");
        Assert.Contains(CaseWorkflow.Default.WithoutState(CaseStatus.AwaitingCorrection).Problems(), p => p.Code == "Workflow.RequiredState");
        Assert.Contains(CaseWorkflow.Default.WithTransition(new WorkflowTransition(CaseAction.Withdraw, CaseStatus.UnderReview, CaseStatus.Withdrawn, WorkflowRole.Staff)).Problems(),
            p => p.Code == "Workflow.SpecialAction");

        var procedure = new Procedure("test", new ProcedureDetails("テスト", "Test", "", "", "x", [], "", "", "", [], [], null, FeeTiming.None, 10, Routing.ChosenWard, ChannelSet.Online, Guid.NewGuid()));
        Assert.Equal("Workflow.DeadEnd", Assert.Throws<DomainRuleException>(() => procedure.ChangeWorkflow(trap, [])).Code);
        Assert.Equal("Workflow.StateInUse", Assert.Throws<DomainRuleException>(() =>
            procedure.ChangeWorkflow(CaseWorkflow.DefaultWithoutApproval, [CaseStatus.AwaitingApproval])).Code);
        procedure.ChangeWorkflow(CaseWorkflow.DefaultWithoutApproval, [CaseStatus.Submitted]);
        Assert.False(procedure.Workflow.RequiresApproval);
    }

    [Theory]
    [InlineData("2026-04-14", Due.OnTrack)]
    [InlineData("2026-04-10", Due.DueSoon)]
    [InlineData("2026-04-07", Due.DueSoon)]
    [InlineData("2026-04-06", Due.Overdue)]
    public void Due_state_counts_business_days(string due, Due expected) =>
        Assert.Equal(expected, Sla.DueStateOf(CaseWorkflow.Default, CaseStatus.UnderReview, DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            new DateOnly(2026, 4, 7), Calendar, dueSoonBusinessDays: 3));

    [Fact]
    public void Overdue_days_are_business_days_after_the_due_date() =>
        // Due Friday 3 April 2026; on Tuesday 7 April it is two business days late (Monday, Tuesday).
        Assert.Equal(2, Sla.OverdueBusinessDays(new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 7), Calendar));
}
