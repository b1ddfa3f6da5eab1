using System.Text.Json;

namespace CityDx.Domain.Cases;

/// <summary>
/// 代理申請: the account holder files for someone else (対象者). Both people are on the case: the
/// applicant through the account, the person concerned through these details.
/// </summary>
public sealed record ProxyDetails(string SubjectName, string SubjectNameKana, string Relationship);

/// <summary>手数料 of a case: none, due, to be paid at the counter with a slip, or paid.</summary>
public enum PaymentState
{
    NotRequired = 0,
    Due = 1,
    PayAtCounter = 2,
    Paid = 3,
}

/// <summary>
/// 申請 / 案件: one application, as the citizen filed it and as staff process it. The answers are
/// pinned to the form version they were filed under; every change of status goes through the
/// workflow and leaves an entry in the append-only <see cref="History"/>.
/// </summary>
public partial class Case
{
    private readonly List<CaseHistoryEntry> _history = [];

    private Case() { }

    public Guid Id { get; private set; }
    public string ReceiptNumber { get; private set; } = "";
    public Guid ProcedureId { get; private set; }
    public Guid FormVersionId { get; private set; }

    /// <summary>The account that filed it; null for a counter or mail filing without an account.</summary>
    public string? ApplicantUserId { get; private set; }

    public Guid OrganisationUnitId { get; private set; }

    /// <summary>対象者 when a proxy filed; null when applicants filed for themselves.</summary>
    public string? SubjectName { get; private set; }

    public string? SubjectNameKana { get; private set; }

    /// <summary>The proxy's relationship to the person concerned (e.g. 母, 成年後見人).</summary>
    public string? ProxyRelationship { get; private set; }

    public bool FiledByProxy => SubjectName is not null;

    /// <summary>The fee due in yen (fixed at filing, or by staff after review).</summary>
    public int? FeeYen { get; private set; }

    public PaymentState PaymentState { get; private set; }

    /// <summary>The provider's reference (a card payment id or a payment-slip number); never card details.</summary>
    public string? PaymentReference { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public CaseStatus Status { get; private set; }
    public Channel Channel { get; private set; }
    public string AnswersJson { get; private set; } = "{}";
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateOnly? DueDate { get; private set; }

    /// <summary>Client-generated key of the submit form: a retried POST finds the case it already made.</summary>
    public Guid SubmissionKey { get; private set; }

    /// <summary>Optimistic concurrency token: two people acting at once, exactly one wins.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<CaseHistoryEntry> History => _history;

    /// <summary>
    /// The questions open for correction (補正依頼), one key a line; null when no correction is open.
    /// Only these answers may change on resubmission.
    /// </summary>
    public string? CorrectionFieldKeys { get; private set; }

    /// <summary>When the SLA clock stopped for a correction; null while it runs.</summary>
    public DateTimeOffset? ClockPausedAt { get; private set; }

    public IReadOnlyList<string> CorrectionFields =>
        CorrectionFieldKeys is null ? [] : CorrectionFieldKeys.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyDictionary<string, string> Answers =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(AnswersJson) ?? [];

    public static Case Submit(
        string receiptNumber,
        Guid procedureId,
        Guid formVersionId,
        string? applicantUserId,
        Guid organisationUnitId,
        Channel channel,
        IReadOnlyDictionary<string, string> answers,
        Guid submissionKey,
        DateOnly? dueDate,
        string actorUserId,
        DateTimeOffset now,
        ProxyDetails? proxy = null)
    {
        var c = new Case
        {
            SubjectName = proxy?.SubjectName,
            SubjectNameKana = proxy?.SubjectNameKana,
            ProxyRelationship = proxy?.Relationship,
            Id = Guid.CreateVersion7(now),
            ReceiptNumber = receiptNumber,
            ProcedureId = procedureId,
            FormVersionId = formVersionId,
            ApplicantUserId = applicantUserId,
            OrganisationUnitId = organisationUnitId,
            Status = CaseStatus.Submitted,
            Channel = channel,
            AnswersJson = JsonSerializer.Serialize(answers),
            SubmittedAt = now,
            UpdatedAt = now,
            DueDate = dueDate,
            SubmissionKey = submissionKey,
            Version = 1,
        };
        c._history.Add(new CaseHistoryEntry(c.Id, now, actorUserId, null, CaseStatus.Submitted, null));
        return c;
    }

    /// <summary>Asks for a fee: at filing when the procedure says so (staff can fix it after review later).</summary>
    public void RequireFee(int yen)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(yen);
        if (PaymentState == PaymentState.Paid)
        {
            throw new DomainRuleException("Payment.AlreadyPaid", "The fee has already been paid.");
        }

        FeeYen = yen;
        PaymentState = PaymentState.Due;
        Version++;
    }

    /// <summary>Records a payment the provider confirmed.</summary>
    public void RecordPayment(string reference, DateTimeOffset now)
    {
        if (PaymentState is not (PaymentState.Due or PaymentState.PayAtCounter))
        {
            throw new DomainRuleException("Payment.NothingDue", "No fee is due.");
        }

        PaymentState = PaymentState.Paid;
        PaymentReference = reference;
        PaidAt = now;
        Version++;
    }

    /// <summary>The applicant will pay at the counter (or a convenience store) with this slip.</summary>
    public void ChoosePayAtCounter(string slipNumber)
    {
        if (PaymentState is not (PaymentState.Due or PaymentState.PayAtCounter))
        {
            throw new DomainRuleException("Payment.NothingDue", "No fee is due.");
        }

        PaymentState = PaymentState.PayAtCounter;
        PaymentReference = slipNumber;
        Version++;
    }

    /// <summary>Takes an action through the workflow; throws <see cref="DomainRuleException"/> when it is not allowed.</summary>
    public CaseTransition Apply(CaseWorkflow workflow, CaseAction action, ActorKind actor, string actorUserId, string? comment, DateTimeOffset now)
    {
        var transition = workflow.Find(Status, action, actor)
            ?? throw new DomainRuleException("Case.ActionNotAllowed", $"{action} is not allowed from {Status}.");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (transition.CommentRequired && comment is null)
        {
            throw new DomainRuleException("Case.CommentRequired", $"{action} needs a comment.");
        }

        _history.Add(new CaseHistoryEntry(Id, now, actorUserId, Status, transition.To, comment));
        if (Status == CaseStatus.AwaitingCorrection && transition.To != CaseStatus.AwaitingCorrection)
        {
            // Leaving the correction (resubmitted or withdrawn): nothing stays open for editing.
            CorrectionFieldKeys = null;
            ClockPausedAt = null;
        }

        Status = transition.To;
        UpdatedAt = now;
        if (transition.To.IsTerminal())
        {
            DecidedAt = now;
        }

        Version++;
        return transition;
    }
}

/// <summary>One line of a case's history: who, when, from → to, and the comment. Never changed or deleted.</summary>
public class CaseHistoryEntry
{
    private CaseHistoryEntry() { }

    public CaseHistoryEntry(Guid caseId, DateTimeOffset at, string actorUserId, CaseStatus? from, CaseStatus to, string? comment)
    {
        CaseId = caseId;
        At = at;
        ActorUserId = actorUserId;
        FromStatus = from;
        ToStatus = to;
        Comment = comment;
    }

    public long Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorUserId { get; private set; } = "";
    public CaseStatus? FromStatus { get; private set; }
    public CaseStatus ToStatus { get; private set; }
    public string? Comment { get; private set; }
}
