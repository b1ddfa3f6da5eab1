using CityDx.Domain.Cases;
using CityDx.Domain.Payments;

namespace CityDx.UnitTests.Cases;

/// <summary>The fee of a case as a state machine, the payment gate and the reasons a refusal gives.</summary>
public sealed class FeeStateTests
{
    private static readonly DateTimeOffset Filed = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 4, 2);
    private static readonly CityDx.Domain.Japanese.BusinessCalendar Calendar = new();
    private static readonly CaseActor Staff = CaseActor.StaffMember("staff", isStaff: true, isApprover: false);
    private static readonly CaseActor Approver = CaseActor.StaffMember("approver", isStaff: false, isApprover: true);

    private static Case NewCase(int? feeAtFiling = 3000)
    {
        var c = Case.Submit(ReceiptNumber.Generate(), Guid.NewGuid(), Guid.NewGuid(), "citizen", Guid.NewGuid(),
            Channel.Online, new Dictionary<string, string>(), Guid.NewGuid(), new DateOnly(2026, 4, 15), "citizen", Filed);
        if (feeAtFiling is { } yen)
        {
            c.RequireFee(yen);
        }

        return c;
    }

    private static PaymentReceipt Slip(int yen = 3000) => new(yen, Today, PaymentChannel.ConvenienceStore, "store-123");

    [Fact]
    public void A_slip_chosen_then_paid_records_the_payment_line()
    {
        var c = NewCase();
        c.ChoosePayAtCounter(PaymentMatching.SlipNumberOf(c.ReceiptNumber));
        var line = c.RecordPayment(Slip(), "staff", Filed.AddDays(1));

        Assert.Equal(PaymentState.Paid, c.PaymentState);
        Assert.Equal(FeePaymentKind.Payment, line.Kind);
        Assert.Equal(3000, line.AmountYen);
        Assert.Equal(Today, line.On);
        Assert.Equal(PaymentChannel.ConvenienceStore, line.Channel);
        Assert.Equal(c.Id, line.CaseId);
    }

    [Fact]
    public void A_wrong_amount_a_second_payment_and_a_payment_where_none_is_due_are_refused()
    {
        var c = NewCase();
        Assert.Equal("Payment.AmountMismatch", Assert.Throws<DomainRuleException>(() => c.RecordPayment(Slip(2000), "staff", Filed)).Code);
        Assert.Equal(PaymentState.Due, c.PaymentState);
        c.RecordPayment(Slip(), "staff", Filed);
        Assert.Equal("Payment.AlreadyPaid", Assert.Throws<DomainRuleException>(() => c.RecordPayment(Slip(), "staff", Filed)).Code);
        Assert.Equal("Payment.NothingDue", Assert.Throws<DomainRuleException>(() => NewCase(null).RecordPayment(Slip(), "staff", Filed)).Code);
        Assert.Equal("Payment.UnknownChannel", Assert.Throws<DomainRuleException>(() =>
            NewCase().RecordPayment(Slip() with { Channel = "cash-in-envelope" }, "staff", Filed)).Code);
    }

    [Theory]
    [InlineData(CaseAction.Withdraw)]
    [InlineData(CaseAction.Reject)]
    public void A_fee_is_cancelled_when_the_case_is_withdrawn_or_rejected_before_payment(string action)
    {
        var c = NewCase();
        var actor = action == CaseAction.Withdraw ? CaseActor.Applicant("citizen") : Staff;
        c.Apply(CaseWorkflow.DefaultWithoutApproval, action, actor, "理由", Filed.AddDays(1), Calendar);

        Assert.Equal(PaymentState.Cancelled, c.PaymentState);
        Assert.Equal("Payment.Cancelled", Assert.Throws<DomainRuleException>(() => c.RecordPayment(Slip(), "staff", Filed)).Code);
    }

    [Fact]
    public void A_paid_fee_stays_paid_when_the_case_is_withdrawn_and_can_then_be_refunded_once()
    {
        var c = NewCase();
        c.RecordPayment(Slip(), "staff", Filed);
        c.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Withdraw, CaseActor.Applicant("citizen"), "不要になった", Filed.AddDays(1), Calendar);
        Assert.Equal(PaymentState.Paid, c.PaymentState);

        Assert.Equal("Refund.AmountRange", Assert.Throws<DomainRuleException>(() => c.Refund(3001, Today, "取下げ", "staff", Filed)).Code);
        Assert.Equal("Refund.ReasonRequired", Assert.Throws<DomainRuleException>(() => c.Refund(3000, Today, " ", "staff", Filed)).Code);
        var refund = c.Refund(3000, Today, "取下げのため", "staff", Filed.AddDays(2));
        Assert.Equal(FeePaymentKind.Refund, refund.Kind);
        Assert.Equal("取下げのため", refund.Reason);
        Assert.Equal(PaymentState.Refunded, c.PaymentState);
        Assert.Equal("Refund.AlreadyRefunded", Assert.Throws<DomainRuleException>(() => c.Refund(1, Today, "again", "staff", Filed)).Code);
        Assert.Equal("Refund.NotPaid", Assert.Throws<DomainRuleException>(() => NewCase().Refund(1, Today, "x", "staff", Filed)).Code);
    }

    [Fact]
    public void Review_waits_for_a_fee_due_at_filing_but_a_correction_and_a_rejection_do_not()
    {
        var c = NewCase();
        Assert.Equal("Case.AwaitingPayment", Assert.Throws<DomainRuleException>(() =>
            c.Apply(CaseWorkflow.Default, CaseAction.StartReview, Staff, null, Filed, Calendar)).Code);
        Assert.Equal("Case.AwaitingPayment", Assert.Throws<DomainRuleException>(() =>
            c.Apply(CaseWorkflow.Default, CaseAction.SubmitForApproval, Staff, null, Filed, Calendar)).Code);
        Assert.Equal(CaseStatus.Submitted, c.Status);
        Assert.Single(c.History);

        c.RecordPayment(Slip(), "staff", Filed);
        c.Apply(CaseWorkflow.Default, CaseAction.StartReview, Staff, null, Filed, Calendar);
        Assert.Equal(CaseStatus.UnderReview, c.Status);

        var rejected = NewCase();
        rejected.Apply(CaseWorkflow.DefaultWithoutApproval, CaseAction.Reject, Staff, "要件を満たしません", Filed, Calendar);
        Assert.Equal(CaseStatus.Rejected, rejected.Status);
    }

    [Fact]
    public void The_gate_is_a_workflow_setting_and_a_fee_fixed_after_review_does_not_hold_review()
    {
        var off = CaseWorkflow.Default.WithPaymentBeforeReview(false);
        var c = NewCase();
        c.Apply(off, CaseAction.StartReview, Staff, null, Filed, Calendar);
        Assert.Equal(CaseStatus.UnderReview, c.Status);

        var afterReview = NewCase(null);
        afterReview.RequireFee(500, afterReview: true);
        afterReview.Apply(CaseWorkflow.Default, CaseAction.StartReview, Staff, null, Filed, Calendar);
        Assert.Equal(CaseStatus.UnderReview, afterReview.Status);

        // On by default, kept through edits and through JSON (stored workflows written before the setting read as on).
        Assert.True(CaseWorkflow.Default.PaymentBeforeReview);
        Assert.False(off.WithApproval(false).WithEscalation(3).PaymentBeforeReview);
        Assert.False(CaseWorkflow.FromJson(off.ToJson()).PaymentBeforeReview);
        var legacy = CaseWorkflow.Default.ToJson().Replace("\"paymentBeforeReview\":true,", "", StringComparison.Ordinal).Replace(",\"paymentBeforeReview\":true", "", StringComparison.Ordinal);
        Assert.DoesNotContain("paymentBeforeReview", legacy, StringComparison.Ordinal);
        Assert.True(CaseWorkflow.FromJson(legacy).PaymentBeforeReview);
    }

    [Fact]
    public void A_refusal_says_whether_the_role_or_the_state_is_wrong()
    {
        var c = NewCase(null);
        c.Apply(CaseWorkflow.Default, CaseAction.SubmitForApproval, Staff, null, Filed, Calendar);

        // Approving from 決裁待ち exists but needs the approver role: a permission refusal, not a state one.
        Assert.Equal("Case.RoleRequired.Approver", Assert.Throws<DomainRuleException>(() =>
            c.Apply(CaseWorkflow.Default, CaseAction.Approve, Staff, null, Filed, Calendar)).Code);
        // Starting review from 決裁待ち does not exist at all.
        Assert.Equal("Case.ActionNotAllowed", Assert.Throws<DomainRuleException>(() =>
            c.Apply(CaseWorkflow.Default, CaseAction.StartReview, Approver, null, Filed, Calendar)).Code);
    }

    [Fact]
    public void The_role_a_state_waits_for_is_missing_only_when_nobody_can_move_it_on()
    {
        var workflow = CaseWorkflow.Default;
        Assert.Equal([WorkflowRole.Approver], workflow.RolesToLeave(CaseStatus.AwaitingApproval));
        Assert.Equal(WorkflowRole.Approver, workflow.MissingRoleToLeave(CaseStatus.AwaitingApproval, role => role == WorkflowRole.Staff));
        Assert.Null(workflow.MissingRoleToLeave(CaseStatus.AwaitingApproval, role => role == WorkflowRole.Approver));
        Assert.Null(workflow.MissingRoleToLeave(CaseStatus.UnderReview, role => role == WorkflowRole.Staff));
        // Terminal states and states only the applicant leaves wait for no member of staff.
        Assert.Null(workflow.MissingRoleToLeave(CaseStatus.Completed, _ => false));
        Assert.Empty(workflow.RolesToLeave(CaseStatus.Withdrawn));
    }
}
