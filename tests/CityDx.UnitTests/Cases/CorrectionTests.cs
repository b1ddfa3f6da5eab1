using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Cases;

/// <summary>補正依頼: the workflow, the fields left open, the stopped SLA clock and the answer revisions.</summary>
public sealed class CorrectionTests
{
    private static readonly BusinessCalendar Calendar = new();
    private static readonly CaseActor Staff = CaseActor.StaffMember("staff", isStaff: true, isApprover: false);

    // Wednesday 1 April 2026, 10:00 JST.
    private static readonly DateTimeOffset Filed = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);

    private static Case NewCase(DateOnly? due = null) => Case.Submit(ReceiptNumber.Generate(), Guid.NewGuid(), Guid.NewGuid(), "citizen", Guid.NewGuid(),
        Channel.Online, new Dictionary<string, string> { ["name"] = "大阪 花子", ["phone"] = "0662088181" }, Guid.NewGuid(),
        due ?? new DateOnly(2026, 4, 15), "citizen", Filed);

    [Theory]
    [InlineData(CaseStatus.Submitted)]
    [InlineData(CaseStatus.UnderReview)]
    public void Staff_can_request_a_correction_from_submitted_and_under_review(string from)
    {
        Assert.Equal(CaseStatus.AwaitingCorrection, CaseWorkflow.Default.Find(from, CaseAction.RequestCorrection, WorkflowRole.Staff)?.To);
        Assert.True(CaseWorkflow.Default.Find(from, CaseAction.RequestCorrection, WorkflowRole.Staff)!.CommentRequired);
        Assert.Null(CaseWorkflow.Default.Find(from, CaseAction.RequestCorrection, WorkflowRole.Applicant));
    }

    [Fact]
    public void Only_the_applicant_resubmits_and_may_withdraw_while_a_correction_is_open()
    {
        Assert.Equal(CaseStatus.UnderReview, CaseWorkflow.Default.Find(CaseStatus.AwaitingCorrection, CaseAction.Resubmit, WorkflowRole.Applicant)?.To);
        Assert.Null(CaseWorkflow.Default.Find(CaseStatus.AwaitingCorrection, CaseAction.Resubmit, WorkflowRole.Staff));
        Assert.Equal(CaseStatus.Withdrawn, CaseWorkflow.Default.Find(CaseStatus.AwaitingCorrection, CaseAction.Withdraw, WorkflowRole.Applicant)?.To);
        Assert.Null(CaseWorkflow.Default.Find(CaseStatus.Approved, CaseAction.RequestCorrection, WorkflowRole.Staff));
        Assert.Null(CaseWorkflow.Default.Find(CaseStatus.UnderReview, CaseAction.Resubmit, WorkflowRole.Applicant));
    }

    [Fact]
    public void A_correction_needs_a_reason_and_at_least_one_field()
    {
        var c = NewCase();
        Assert.Equal("Case.CommentRequired", Assert.Throws<DomainRuleException>(() =>
            c.RequestCorrection(CaseWorkflow.Default, ["phone"], Staff, "  ", Filed.AddHours(1), Calendar)).Code);
        Assert.Equal("Correction.NoFields", Assert.Throws<DomainRuleException>(() =>
            c.RequestCorrection(CaseWorkflow.Default, [], Staff, "電話番号が違います", Filed.AddHours(1), Calendar)).Code);
        Assert.Equal(CaseStatus.Submitted, c.Status);
        Assert.Single(c.History);
    }

    [Fact]
    public void The_case_remembers_the_open_fields_and_when_the_clock_stopped()
    {
        var c = NewCase();
        var at = Filed.AddDays(1);
        c.RequestCorrection(CaseWorkflow.Default, ["phone", "name", "phone"], Staff, "電話番号がつながりません", at, Calendar);

        Assert.Equal(CaseStatus.AwaitingCorrection, c.Status);
        Assert.Equal(["phone", "name"], c.CorrectionFields);
        Assert.Equal(at, c.ClockPausedAt);
        Assert.Equal("電話番号がつながりません", c.History[^1].Comment);
        Assert.Equal(CaseStatus.AwaitingCorrection, c.History[^1].ToStatus);
    }

    [Fact]
    public void Resubmitting_keeps_both_versions_resumes_review_and_moves_the_due_date_by_the_business_days_waited()
    {
        var c = NewCase(due: new DateOnly(2026, 4, 15));
        // Requested Thursday 2 April (JST); resubmitted Wednesday 8 April: 3, 6, 7, 8 April are business days waited.
        c.RequestCorrection(CaseWorkflow.Default, ["phone"], Staff, "電話番号がつながりません", new DateTimeOffset(2026, 4, 2, 9, 0, 0, JapanTimeOffset), Calendar);
        var revision = c.Resubmit(CaseWorkflow.Default, new Dictionary<string, string> { ["name"] = "大阪 花子", ["phone"] = "0612345678" }, "citizen", Calendar,
            new DateTimeOffset(2026, 4, 8, 15, 0, 0, JapanTimeOffset));

        Assert.Equal(CaseStatus.UnderReview, c.Status);
        Assert.Equal(new DateOnly(2026, 4, 21), c.DueDate);
        Assert.Empty(c.CorrectionFields);
        Assert.Null(c.ClockPausedAt);
        Assert.Equal("0612345678", c.Answers["phone"]);
        Assert.Equal("0662088181", revision.PreviousAnswers["phone"]);
        Assert.Equal("0612345678", revision.NewAnswers["phone"]);
        Assert.Equal("citizen", revision.ActorUserId);
        Assert.Equal(CaseStatus.AwaitingCorrection, c.History[^1].FromStatus);
    }

    [Fact]
    public void The_paused_days_skip_weekends_and_holidays_around_golden_week()
    {
        // Paused Thursday 30 April → resumed Thursday 7 May 2026: 1 May and 7 May are the only business days
        // after the 30th (2–6 May is a weekend plus 憲法記念日, みどりの日, こどもの日 and 振替休日).
        var due = new DateOnly(2026, 5, 12);
        var extended = Case.ExtendDueDate(Calendar, due, new DateTimeOffset(2026, 4, 30, 10, 0, 0, JapanTimeOffset), new DateTimeOffset(2026, 5, 7, 10, 0, 0, JapanTimeOffset));
        Assert.Equal(2, Calendar.CountBusinessDays(new DateOnly(2026, 4, 30), new DateOnly(2026, 5, 7)));
        Assert.Equal(Calendar.AddBusinessDays(due, 2), extended);
        Assert.Equal(new DateOnly(2026, 5, 14), extended);
    }

    [Fact]
    public void A_correction_answered_the_same_day_or_over_a_weekend_only_moves_nothing()
    {
        var due = new DateOnly(2026, 4, 15);
        Assert.Equal(due, Case.ExtendDueDate(Calendar, due, new DateTimeOffset(2026, 4, 1, 9, 0, 0, JapanTimeOffset), new DateTimeOffset(2026, 4, 1, 17, 0, 0, JapanTimeOffset)));
        // Friday evening → Sunday: no business day passed.
        Assert.Equal(due, Case.ExtendDueDate(Calendar, due, new DateTimeOffset(2026, 4, 3, 18, 0, 0, JapanTimeOffset), new DateTimeOffset(2026, 4, 5, 12, 0, 0, JapanTimeOffset)));
    }

    [Fact]
    public void The_days_are_counted_in_japan_time_not_utc()
    {
        var due = new DateOnly(2026, 4, 15);
        // 23:30 UTC on Thursday 2 April is already Friday 3 April in Japan; resumed Friday 3 April JST: nothing waited.
        var paused = new DateTimeOffset(2026, 4, 2, 23, 30, 0, TimeSpan.Zero);
        var resumed = new DateTimeOffset(2026, 4, 3, 17, 0, 0, JapanTimeOffset);
        Assert.Equal(due, Case.ExtendDueDate(Calendar, due, paused, resumed));
    }

    [Fact]
    public void Withdrawing_during_a_correction_closes_it()
    {
        var c = NewCase();
        c.RequestCorrection(CaseWorkflow.Default, ["phone"], Staff, "電話番号がつながりません", Filed.AddHours(1), Calendar);
        c.Apply(CaseWorkflow.Default, CaseAction.Withdraw, CaseActor.Applicant("citizen"), "申請を取りやめます", Filed.AddHours(2), Calendar);

        Assert.Equal(CaseStatus.Withdrawn, c.Status);
        Assert.Empty(c.CorrectionFields);
        Assert.Null(c.ClockPausedAt);
        Assert.Equal(new DateOnly(2026, 4, 15), c.DueDate);
    }

    [Fact]
    public void A_case_cannot_be_resubmitted_when_no_correction_is_open()
    {
        var c = NewCase();
        Assert.Equal("Case.ActionNotAllowed", Assert.Throws<DomainRuleException>(() =>
            c.Resubmit(CaseWorkflow.Default, new Dictionary<string, string>(), "citizen", Calendar, Filed.AddHours(1))).Code);
        Assert.Equal("0662088181", c.Answers["phone"]);
    }

    [Theory]
    [InlineData(CaseStatus.Submitted, true)]
    [InlineData(CaseStatus.AwaitingCorrection, true)]
    [InlineData(CaseStatus.Approved, true)]
    [InlineData(CaseStatus.Withdrawn, false)]
    [InlineData(CaseStatus.Rejected, false)]
    [InlineData(CaseStatus.Completed, false)]
    public void Messages_are_open_until_the_case_is_closed(string status, bool open) =>
        Assert.Equal(open, CaseWorkflow.Default.AcceptsMessages(status));

    [Fact]
    public void An_issued_document_is_available_up_to_and_including_its_last_day()
    {
        var d = new IssuedDocument(Guid.NewGuid(), Guid.NewGuid(), new FileMetadata("許可証.pdf", "application/pdf", 10, "00", "k"), new DateOnly(2026, 6, 30), "staff", Filed);
        Assert.True(d.IsAvailableOn(new DateOnly(2026, 6, 30)));
        Assert.False(d.IsAvailableOn(new DateOnly(2026, 7, 1)));
        Assert.True(IssuedDocument.CanIssueFor(CaseWorkflow.Default, CaseStatus.Approved));
        Assert.False(IssuedDocument.CanIssueFor(CaseWorkflow.Default, CaseStatus.UnderReview));
    }

    private static readonly TimeSpan JapanTimeOffset = TimeSpan.FromHours(9);
}
