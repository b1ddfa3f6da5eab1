namespace CityDx.Domain.Auditing;

/// <summary>Who acted: a signed-in person (staff, approver) or a registered integration client.</summary>
public enum AuditActorKind
{
    User = 1,
    ApiClient = 2,
}

public enum AuditOutcome
{
    Ok = 1,

    /// <summary>The case does not exist or belongs to another unit: the request got a 404.</summary>
    NotFound = 2,

    /// <summary>Refused before the use case ran (an integration client without the scope).</summary>
    Denied = 3,
}

/// <summary>
/// 監査ログ: one read of a case's personal data or one change, by whom and when. Append-only (the
/// application refuses to change or delete an entry, and on PostgreSQL and SQLite a trigger does
/// too). The detail is short and never personal: an action name or a filter, not a comment.
/// </summary>
public class AuditEntry
{
    public const int MaxActionLength = 64;
    public const int MaxDetailLength = 200;

    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string actorId, string action, AuditOutcome outcome, Guid? caseId = null, string? receiptNumber = null, string? detail = null)
    {
        At = at;
        ActorId = actorId;
        ActorKind = Integration.ApiClient.IsPrincipalId(actorId) ? AuditActorKind.ApiClient : AuditActorKind.User;
        Action = action.Length > MaxActionLength ? action[..MaxActionLength] : action;
        Outcome = outcome;
        CaseId = caseId;
        ReceiptNumber = receiptNumber;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The account id of a person, or <see cref="Integration.ApiClient.PrincipalId"/> of a client.</summary>
    public string ActorId { get; private set; } = "";
    public AuditActorKind ActorKind { get; private set; }
    public string Action { get; private set; } = "";
    public Guid? CaseId { get; private set; }
    public string? ReceiptNumber { get; private set; }
    public AuditOutcome Outcome { get; private set; }
    public string? Detail { get; private set; }
}

/// <summary>The action names the audit log records (and the admin page offers as a filter).</summary>
public static class AuditActions
{
    public const string CaseRead = "case.read";
    public const string CaseAction = "case.action";
    public const string CaseCorrectionRequest = "case.correction-request";
    public const string CaseMessage = "case.message";
    public const string CaseIssueDocument = "case.issue-document";
    public const string CaseSetFee = "case.set-fee";
    public const string CaseFeePayment = "case.fee-payment";
    public const string CaseFeeRefund = "case.fee-refund";
    public const string PaymentImport = "payment.import";
    public const string PaymentCallback = "payment.callback";
    public const string CaseDownload = "case.download";
    public const string CaseAssign = "case.assign";
    public const string CaseBatch = "case.batch";
    public const string CaseAnonymise = "case.anonymise";
    public const string WorkflowChange = "workflow.change";
    public const string QueueList = "queue.list";
    public const string QueueExport = "queue.export";
    public const string ApiDenied = "api.denied";
    public const string ApiClientRegister = "api-client.register";
    public const string ApiClientRevoke = "api-client.revoke";
    public const string ApiClientRotate = "api-client.rotate";
    public const string StaffTimeChange = "staff-time.change";

    public static readonly IReadOnlyList<string> All =
        [CaseRead, CaseAction, CaseCorrectionRequest, CaseMessage, CaseIssueDocument, CaseSetFee, CaseFeePayment, CaseFeeRefund, PaymentImport, PaymentCallback, CaseDownload, CaseAssign, CaseBatch, CaseAnonymise,
            WorkflowChange, QueueList, QueueExport, ApiDenied, ApiClientRegister, ApiClientRevoke, ApiClientRotate, StaffTimeChange];
}
