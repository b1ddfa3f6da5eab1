namespace CityDx.Domain.Attachments;

/// <summary>
/// What the database keeps about a stored file (an attachment, a draft's upload, an issued
/// document): the safe file name, the content type detected from its bytes, its size, the
/// lower-case hex SHA-256 recorded when it was stored, and its key in the file store (the bytes
/// live there, outside the web root). Mapped as a complex type onto the owning row's own columns.
/// </summary>
public sealed record FileMetadata(string FileName, string ContentType, long Size, string Sha256, string StorageKey);
