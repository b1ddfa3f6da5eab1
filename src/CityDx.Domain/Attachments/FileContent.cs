namespace CityDx.Domain.Attachments;

/// <summary>
/// Decides what a file is from its first bytes (magic numbers), never from its name or the
/// browser's content type, and cleans file names for storage and download.
/// </summary>
public static class FileContent
{
    public sealed record Kind(string Type, string ContentType, string Extension);

    public static readonly Kind Pdf = new("pdf", "application/pdf", ".pdf");
    public static readonly Kind Jpeg = new("jpeg", "image/jpeg", ".jpg");
    public static readonly Kind Png = new("png", "image/png", ".png");

    /// <summary>The kinds a form may allow (FormField.AllowedFileTypes uses these names).</summary>
    public static readonly IReadOnlyList<Kind> Known = [Pdf, Jpeg, Png];

    /// <summary>Bytes needed to recognise every known kind.</summary>
    public const int HeaderLength = 8;

    public static Kind? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        return null;
    }

    /// <summary>
    /// A file name safe to store and to put in Content-Disposition: no directories (.., /, \),
    /// no control or bidi characters, at most 100 characters, never empty.
    /// </summary>
    public static string SafeName(string? name, Kind kind)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new string(last.Where(c => !char.IsControl(c) && c is not ('\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '"' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim().TrimStart('.');
        var stem = Path.GetFileNameWithoutExtension(clean);
        if (string.IsNullOrWhiteSpace(stem))
        {
            stem = "attachment";
        }

        if (stem.Length > 90)
        {
            stem = stem[..90];
        }

        // The extension is the detected kind's, whatever the name claimed.
        return stem + kind.Extension;
    }
}
