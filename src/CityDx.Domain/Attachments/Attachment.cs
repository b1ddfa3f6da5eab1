namespace CityDx.Domain.Attachments;

/// <summary>
/// A file a citizen attached to an application (添付書類). The bytes live in the file store under
/// <see cref="StorageKey"/>, outside the web root; the database keeps what is needed to serve and
/// check them.
/// </summary>
public class Attachment
{
    private Attachment() { }

    public Attachment(Guid id, Guid caseId, string fieldKey, FileMetadata file, DateTimeOffset uploadedAt)
    {
        Id = id;
        CaseId = caseId;
        FieldKey = fieldKey;
        File = file;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string FieldKey { get; private set; } = "";
    public FileMetadata File { get; private set; } = null!;
    public DateTimeOffset UploadedAt { get; private set; }
}
