using System.Text.Json;
using CityDx.Domain.Japanese;

namespace CityDx.Domain.Cases;

/// <summary>
/// 代理申請: the account holder files for someone else (対象者). Both people are on the case: the
/// applicant through the account, the person concerned through these details.
/// </summary>
public sealed record ProxyDetails(string SubjectName, string SubjectNameKana, string Relationship);

/// <summary>
/// 手数料 of a case: none, due, to be paid with a slip (窓口・コンビニ・Pay-easy), paid, cancelled
/// (the case was withdrawn or rejected before payment) or refunded (返還).
/// </summary>
public enum PaymentState
{
    NotRequired = 0,
    Due = 1,
    PayAtCounter = 2,
    Paid = 3,
    Cancelled = 4,
    Refunded = 5,
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

    /// <summary>The fee was asked for at filing: with the workflow's payment gate, review waits for it.</summary>
    public bool FeeDueAtFiling { get; private set; }

    /// <summary>The code of the workflow state the case is in (see <see cref="CaseStatus"/> for the built-in ones).</summary>
    public string Status { get; private set; } = CaseStatus.Submitted;
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

    /// <summary>The staff member working the case (担当者); null while nobody has claimed it.</summary>
    public string? AssigneeUserId { get; private set; }

    /// <summary>The applicant's name as stated (account name, or the visitor's name at the counter), for the queue.</summary>
    public string? ApplicantName { get; private set; }

    /// <summary>フリガナ of the applicant and of the person concerned, folded for search (see <see cref="SearchFolding"/>).</summary>
    public string? NameSearchKey { get; private set; }

    /// <summary>When the retention rule blanked the personal data of this closed case; null while it is kept.</summary>
    public DateTimeOffset? AnonymisedAt { get; private set; }

    /// <summary>When the escalation rule last told the approvers this case is overdue; null until then.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

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
        var role = actorUserId == applicantUserId ? WorkflowRole.Applicant : WorkflowRole.Staff;
        c._history.Add(new CaseHistoryEntry(c.Id, now, actorUserId, role, "Submit", null, CaseStatus.Submitted, null));
        c.NameApplicant(null, null);
        return c;
    }

    /// <summary>
    /// Records the applicant's name and フリガナ for the queue; the person concerned's フリガナ (代理申請)
    /// is searchable too.
    /// </summary>
    public void NameApplicant(string? name, string? kana)
    {
        ApplicantName = string.IsNullOrWhiteSpace(name) ? ApplicantName : name.Trim();
        var keys = new[] { kana, SubjectNameKana }.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => SearchFolding.Fold(k!).Replace(" ", "", StringComparison.Ordinal));
        var key = string.Join(' ', keys);
        NameSearchKey = key.Length == 0 ? null : key;
    }

    /// <summary>
    /// Takes an action through the workflow; throws <see cref="DomainRuleException"/> when it is not
    /// allowed (not from this state, not for this person's roles, no comment where one is required,
    /// or an approver deciding a case they reviewed themselves). The SLA clock stops on entering a
    /// state where it does not run and, on leaving it, the due date moves on by the business days
    /// spent there (JST dates: the days after the pause up to and including the day of resumption).
    /// </summary>
    public WorkflowTransition Apply(CaseWorkflow workflow, string action, CaseActor actor, string? comment, DateTimeOffset now, BusinessCalendar calendar)
    {
        var transition = workflow.Find(Status, action, actor.Roles) ?? throw Refusal(workflow, action);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (transition.CommentRequired && comment is null)
        {
            throw new DomainRuleException("Case.CommentRequired", $"{action} needs a comment.");
        }

        if (transition.Role == WorkflowRole.Approver && ReviewedBy(actor.UserId))
        {
            throw new DomainRuleException("Case.SeparationOfDuties", "The approver of a case cannot be a staff member who reviewed it.");
        }

        var leaving = workflow.State(Status);
        var entering = workflow.State(transition.To);
        if (AwaitsPayment(workflow, transition, entering))
        {
            throw new DomainRuleException("Case.AwaitingPayment", "The fee due at filing has not been paid yet.");
        }

        _history.Add(new CaseHistoryEntry(Id, now, actor.UserId, transition.Role, action, Status, transition.To, comment));
        if (Status == CaseStatus.AwaitingCorrection && transition.To != CaseStatus.AwaitingCorrection)
        {
            // Leaving the correction (resubmitted, resumed or withdrawn): nothing stays open for editing.
            CorrectionFieldKeys = null;
        }

        if (leaving is { PausesClock: true } && ClockPausedAt is { } pausedAt && entering is { ClockRuns: true })
        {
            DueDate = DueDate is { } due ? ExtendDueDate(calendar, due, pausedAt, now) : null;
            ClockPausedAt = null;
        }
        else if (entering is { PausesClock: true } && ClockPausedAt is null)
        {
            ClockPausedAt = now;
        }
        else if (entering is { ClockRuns: false, PausesClock: false })
        {
            ClockPausedAt = null;
        }

        Status = transition.To;
        UpdatedAt = now;
        if (entering is { Outcome: not Outcome.None } && DecidedAt is null)
        {
            DecidedAt = now;
        }

        if (entering is { Outcome: Outcome.Rejected or Outcome.Withdrawn })
        {
            CancelUnpaidFee();
        }

        if (entering is { ClockRuns: true } && leaving is { ClockRuns: false })
        {
            EscalatedAt = null;
        }

        Version++;
        return transition;
    }

    /// <summary>Whether this person took a staff action on the case (the reviewer): they cannot also approve it.</summary>
    public bool ReviewedBy(string userId) =>
        _history.Any(h => h.ActorUserId == userId && h.ActorRole == WorkflowRole.Staff && h.Action != AssignAction);

    /// <summary>
    /// 保存期間の満了: blanks every personal field of a closed case — answers, names, フリガナ, proxy
    /// details, the link to the account, the payment reference — and keeps what statistics need
    /// (procedure, unit, channel, dates, state, fee). Related rows (attachments, revisions,
    /// messages, comments) are cleared by the retention job in the same transaction.
    /// </summary>
    public void Anonymise(CaseWorkflow workflow, DateTimeOffset now)
    {
        if (!workflow.IsTerminal(Status))
        {
            throw new DomainRuleException("Retention.CaseOpen", "Only a closed case can be anonymised.");
        }

        AnswersJson = "{}";
        SubjectName = null;
        SubjectNameKana = null;
        ProxyRelationship = null;
        ApplicantUserId = null;
        ApplicantName = null;
        NameSearchKey = null;
        PaymentReference = null;
        CorrectionFieldKeys = null;
        AssigneeUserId = null;
        AnonymisedAt = now;
        Version++;
    }

    public const string AssignAction = "Assign";
    public const string EscalateAction = "Escalate";

    /// <summary>担当者の割当: claims the case (assignee = the actor) or gives it to a colleague of the unit; null releases it.</summary>
    public void Assign(string? assigneeUserId, string actorUserId, DateTimeOffset now)
    {
        if (assigneeUserId == AssigneeUserId)
        {
            throw new DomainRuleException("Case.AlreadyAssigned", "The case is already assigned so.");
        }

        AssigneeUserId = assigneeUserId;
        // The line records the new assignee's account id in place of a comment (null: released).
        _history.Add(new CaseHistoryEntry(Id, now, actorUserId, WorkflowRole.Staff, AssignAction, Status, Status, assigneeUserId));
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Marks the case as escalated (the escalation job told the approvers); once per overdue episode.</summary>
    public void MarkEscalated(string actorUserId, int overdueDays, DateTimeOffset now)
    {
        EscalatedAt = now;
        _history.Add(new CaseHistoryEntry(Id, now, actorUserId, WorkflowRole.Staff, EscalateAction, Status, Status,
            overdueDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Version++;
    }
}

/// <summary>The person taking an action and the workflow roles they hold for this case.</summary>
public sealed record CaseActor(string UserId, IReadOnlyCollection<string> Roles)
{
    public static CaseActor Applicant(string userId) => new(userId, [WorkflowRole.Applicant]);

    public static CaseActor StaffMember(string userId, bool isStaff, bool isApprover) =>
        new(userId, [.. isStaff ? [WorkflowRole.Staff] : Array.Empty<string>(), .. isApprover ? [WorkflowRole.Approver] : Array.Empty<string>()]);
}

/// <summary>One line of a case's history: who (in which role), when, what action, from → to, and the comment. Never changed or deleted.</summary>
public class CaseHistoryEntry
{
    private CaseHistoryEntry() { }

    public CaseHistoryEntry(Guid caseId, DateTimeOffset at, string actorUserId, string actorRole, string action, string? from, string to, string? comment)
    {
        CaseId = caseId;
        At = at;
        ActorUserId = actorUserId;
        ActorRole = actorRole;
        Action = action;
        FromStatus = from;
        ToStatus = to;
        Comment = comment;
    }

    public long Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorUserId { get; private set; } = "";

    /// <summary>The workflow role the action was taken in (Applicant, Staff, Approver): separation of duties reads it.</summary>
    public string ActorRole { get; private set; } = "";

    /// <summary>The action code (Submit, a workflow action, Assign, Escalate).</summary>
    public string Action { get; private set; } = "";

    public string? FromStatus { get; private set; }
    public string ToStatus { get; private set; } = "";
    public string? Comment { get; private set; }
}
