using CityDx.Domain.Payments;

namespace CityDx.Domain.Cases;

/// <summary>
/// The fee (手数料) of a case as a small state machine:
/// NotRequired → Due (asked at filing, or after review) → PayAtCounter (a slip was chosen) → Paid → Refunded;
/// Due or PayAtCounter → Cancelled when the case is withdrawn or rejected before payment.
/// Every payment and refund is also kept as a <see cref="FeePayment"/> line.
/// </summary>
public partial class Case
{
    /// <summary>Asks for a fee: at filing when the procedure says so, or by staff after review (<paramref name="afterReview"/>).</summary>
    public void RequireFee(int yen, bool afterReview = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(yen);
        if (PaymentState is PaymentState.Paid or PaymentState.Refunded)
        {
            throw new DomainRuleException("Payment.AlreadyPaid", "The fee has already been paid.");
        }

        FeeYen = yen;
        FeeDueAtFiling = !afterReview;
        PaymentState = PaymentState.Due;
        Version++;
    }

    /// <summary>Whether a fee is still to be paid (due, or a slip chosen).</summary>
    public bool FeeUnpaid => PaymentState is PaymentState.Due or PaymentState.PayAtCounter;

    /// <summary>
    /// Records a payment (card, Pay-easy, convenience store, bank transfer or counter) of the whole
    /// fee. Refused when nothing is due, when it is already paid, when the fee was cancelled, or when
    /// the amount is not the fee (a partial or wrong payment is for staff to sort out).
    /// </summary>
    public FeePayment RecordPayment(PaymentReceipt receipt, string actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (!PaymentChannel.IsKnown(receipt.Channel))
        {
            throw new DomainRuleException("Payment.UnknownChannel", "Unknown payment channel.");
        }

        if (!FeeUnpaid)
        {
            throw PaymentState switch
            {
                PaymentState.Paid or PaymentState.Refunded => new DomainRuleException("Payment.AlreadyPaid", "The fee has already been paid."),
                PaymentState.Cancelled => new DomainRuleException("Payment.Cancelled", "The fee was cancelled."),
                _ => new DomainRuleException("Payment.NothingDue", "No fee is due."),
            };
        }

        if (receipt.AmountYen != FeeYen)
        {
            throw new DomainRuleException("Payment.AmountMismatch", "The amount paid is not the fee.");
        }

        PaymentState = PaymentState.Paid;
        PaymentReference = receipt.Reference;
        PaidAt = now;
        Version++;
        return FeePayment.ForPayment(Id, receipt, actorId, now);
    }

    /// <summary>The applicant will pay at the counter (or a convenience store) with this slip.</summary>
    public void ChoosePayAtCounter(string slipNumber)
    {
        if (!FeeUnpaid)
        {
            throw new DomainRuleException("Payment.NothingDue", "No fee is due.");
        }

        PaymentState = PaymentState.PayAtCounter;
        PaymentReference = slipNumber;
        Version++;
    }

    /// <summary>返還: records a refund of a paid fee (all or part of it), when and why.</summary>
    public FeePayment Refund(int yen, DateOnly refundedOn, string reason, string actorId, DateTimeOffset now)
    {
        if (PaymentState != PaymentState.Paid)
        {
            throw new DomainRuleException(PaymentState == PaymentState.Refunded ? "Refund.AlreadyRefunded" : "Refund.NotPaid", "Only a paid fee can be refunded.");
        }

        if (yen <= 0 || yen > FeeYen)
        {
            throw new DomainRuleException("Refund.AmountRange", "A refund is between 1 yen and the fee paid.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Refund.ReasonRequired", "A refund needs a reason.");
        }

        PaymentState = PaymentState.Refunded;
        Version++;
        return FeePayment.ForRefund(Id, yen, refundedOn, reason.Trim(), actorId, now);
    }

    /// <summary>A case withdrawn or rejected before it was paid owes nothing any more.</summary>
    private void CancelUnpaidFee()
    {
        if (FeeUnpaid)
        {
            PaymentState = PaymentState.Cancelled;
        }
    }

    /// <summary>
    /// The payment gate: with <see cref="CaseWorkflow.PaymentBeforeReview"/>, staff cannot move a case whose
    /// fee was due at filing on (into review, for approval, to a decision) until it is paid; a correction
    /// request, a rejection and the applicant's own actions stay possible.
    /// </summary>
    private bool AwaitsPayment(CaseWorkflow workflow, WorkflowTransition transition, WorkflowState? entering) =>
        workflow.PaymentBeforeReview && FeeDueAtFiling && FeeUnpaid
        && transition.Role != WorkflowRole.Applicant
        && transition.To != CaseStatus.AwaitingCorrection
        && entering?.Outcome is not (Outcome.Rejected or Outcome.Withdrawn);

    /// <summary>
    /// Why an action was refused, by its real reason: the action exists from this state but needs a role
    /// the person does not hold (permission), or it is not possible from this state at all.
    /// </summary>
    private DomainRuleException Refusal(CaseWorkflow workflow, string action) =>
        workflow.Transitions.FirstOrDefault(t => t.From == Status && t.Action == action) is { } needs
            ? new DomainRuleException("Case.RoleRequired." + needs.Role, $"{action} needs the {needs.Role} role.")
            : new DomainRuleException("Case.ActionNotAllowed", $"{action} is not allowed from {Status}.");
}
