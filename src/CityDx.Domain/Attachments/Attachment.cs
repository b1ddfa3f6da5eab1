namespace CityDx.Domain.Attachments;

/// <summary>
/// A file a citizen attached to an application (添付書類). The bytes live in the file store under
/// <see cref="StorageKey"/>, outside the web root; the database keeps what is needed to serve and
/// check them.
/// </summary>
public class Attachment
{
    private Attachment() { }

    public Attachment(Guid id, Guid caseId, string fieldKey, string fileName, string contentType, long size, string sha256, string storageKey, DateTimeOffset uploadedAt)
    {
        Id = id;
        CaseId = caseId;
        FieldKey = fieldKey;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        StorageKey = storageKey;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string FieldKey { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content, recorded at upload.</summary>
    public string Sha256 { get; private set; } = "";

    public string StorageKey { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
}
