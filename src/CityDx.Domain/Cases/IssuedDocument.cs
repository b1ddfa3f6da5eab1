using CityDx.Domain.Attachments;

namespace CityDx.Domain.Cases;

/// <summary>
/// 交付物: a document staff issue to the applicant once a case is approved (a PDF in the file
/// store). The applicant can download it up to and including <see cref="ExpiresOn"/> (JST).
/// </summary>
public class IssuedDocument
{
    private IssuedDocument() { }

    public IssuedDocument(Guid id, Guid caseId, FileMetadata file, DateOnly expiresOn, string issuedByUserId, DateTimeOffset issuedAt)
    {
        Id = id;
        CaseId = caseId;
        File = file;
        ExpiresOn = expiresOn;
        IssuedByUserId = issuedByUserId;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public FileMetadata File { get; private set; } = null!;

    /// <summary>Last day (JST) the applicant can download it.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public string IssuedByUserId { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }

    public bool IsAvailableOn(DateOnly today) => today <= ExpiresOn;

    /// <summary>Documents can be issued only for an approved case (approved, or completed when it is issued again).</summary>
    public static bool CanIssueFor(CaseWorkflow workflow, string status) => workflow.OutcomeOf(status) == Outcome.Approved;
}
