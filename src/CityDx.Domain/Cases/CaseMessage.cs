namespace CityDx.Domain.Cases;

/// <summary>Who a message on a case is for.</summary>
public enum MessageKind
{
    /// <summary>Staff write to the applicant.</summary>
    ToApplicant = 1,

    /// <summary>The applicant writes to the office (a reply).</summary>
    FromApplicant = 2,

    /// <summary>内部メモ: staff only, never shown to the applicant.</summary>
    InternalNote = 3,
}

/// <summary>
/// A message on a case between the applicant and the staff of its unit, or a staff-only internal
/// note. Never changed or deleted: the thread is a record of what was said.
/// </summary>
public class CaseMessage
{
    public const int MaxBodyLength = 2000;

    private CaseMessage() { }

    public CaseMessage(Guid caseId, MessageKind kind, string authorUserId, string body, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        Id = Guid.CreateVersion7(at);
        CaseId = caseId;
        Kind = kind;
        AuthorUserId = authorUserId;
        Body = body.Trim();
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public MessageKind Kind { get; private set; }
    public string AuthorUserId { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    public bool VisibleToApplicant => Kind != MessageKind.InternalNote;
}

public static class CaseMessageRules
{
    /// <summary>
    /// Messages can be written while the case is open and after approval (when a document is issued);
    /// a withdrawn, rejected or completed case is closed for conversation.
    /// </summary>
    public static bool AcceptsMessages(this CaseWorkflow workflow, string status) => !workflow.IsTerminal(status);
}
