using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Attachments;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Files;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>A file sent with a form for a file-upload question; opened as often as needed.</summary>
public sealed record UploadedFile(string FieldKey, string FileName, long Length, Func<Stream> OpenRead);

/// <summary>A posted file that passed the checks, with the id its attachment will have.</summary>
public sealed record AcceptedFile(Guid Id, UploadedFile File, FileContent.Kind Kind);

/// <summary>
/// Checks posted files for a form's file questions by content (magic bytes, never the file name),
/// size and count, in the citizen's language. Used by every path that takes files from a citizen.
/// </summary>
public static class UploadedFiles
{
    /// <summary>Largest file a question accepts when it sets no limit of its own.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Checks the files posted for the given file questions. Returns the accepted files by question
    /// and the errors by answer property ("Answers[key]"); a question with no file posted is absent.
    /// </summary>
    public static async Task<(Dictionary<string, List<AcceptedFile>> Accepted, List<(string, string)> Errors)> CheckAsync(
        IEnumerable<FormField> fileFields, IReadOnlyList<UploadedFile> posted, IVirusScanner scanner, IStringLocalizer<SharedResource> l, bool english, CancellationToken cancellationToken)
    {
        var accepted = new Dictionary<string, List<AcceptedFile>>(StringComparer.Ordinal);
        var errors = new List<(string, string)>();
        foreach (var field in fileFields)
        {
            var property = LocalizationExtensions.AnswerProperty(field.Key);
            foreach (var file in posted.Where(f => f.FieldKey == field.Key && f.Length > 0))
            {
                var max = field.MaxFileSizeBytes ?? DefaultMaxBytes;
                if (file.Length > max)
                {
                    errors.Add((property, l["Form.FileTooLarge"].Fill(("label", field.Label(english)), ("max", (max / (1024 * 1024)).ToString(System.Globalization.CultureInfo.CurrentCulture)))));
                    continue;
                }

                var kind = await DetectAsync(file.OpenRead, cancellationToken);
                if (kind is null || !field.AllowedFileTypeList.Contains(kind.Type, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add((property, l["Form.FileType"].Fill(("label", field.Label(english)), ("types", string.Join(", ", field.AllowedFileTypeList.Select(t => t.ToUpperInvariant()))))));
                    continue;
                }

                // The optional malware scan (clamd): an infected file is refused (and quarantined by the scanner);
                // when the scanner cannot answer, the upload is refused rather than taken unchecked.
                var verdict = await ScanAsync(scanner, file, cancellationToken);
                if (verdict is not { Clean: true })
                {
                    errors.Add((property, l[verdict is null ? "Form.FileScanUnavailable" : "Form.FileInfected"].Fill(("label", field.Label(english)))));
                    continue;
                }

                if (!accepted.TryGetValue(field.Key, out var list))
                {
                    accepted[field.Key] = list = [];
                }

                list.Add(new AcceptedFile(Guid.CreateVersion7(), file, kind));
            }
        }

        return (accepted, errors);
    }

    /// <summary>
    /// Checks the files of those <paramref name="fields"/> that are visible file questions of
    /// <paramref name="definition"/>, and puts the ids the attachments will have into
    /// <paramref name="answers"/>: what the browser posted as a file question's answer is never trusted.
    /// </summary>
    public static async Task<(List<AcceptedFile> Files, List<(string, string)> Errors)> CheckVisibleAsync(
        FormDefinition definition, IEnumerable<FormField> fields, Dictionary<string, string?> answers, IReadOnlyList<UploadedFile> posted,
        IVirusScanner scanner, IStringLocalizer<SharedResource> l, bool english, CancellationToken cancellationToken)
    {
        var fileFields = fields.Where(f => f.Type == FieldType.FileUpload).ToList();
        foreach (var field in fileFields)
        {
            answers[field.Key] = null;
        }

        var (accepted, errors) = await CheckAsync(fileFields.Where(f => definition.IsVisible(f, answers)), posted, scanner, l, english, cancellationToken);
        foreach (var (key, files) in accepted)
        {
            answers[key] = string.Join('\n', files.Select(f => f.Id));
        }

        return ([.. accepted.Values.SelectMany(f => f)], errors);
    }

    /// <summary>Copies a file into the store (content type and safe name from what it was detected to be, never what was posted) and says what was kept.</summary>
    public static Task<FileMetadata> StoreAsync(this IFileStore store, AcceptedFile file, CancellationToken cancellationToken) =>
        store.StoreAsync(file.File.OpenRead, file.File.FileName, file.Kind, cancellationToken);

    /// <summary>Copies content of a detected kind into the store; the name is made safe for a download.</summary>
    public static async Task<FileMetadata> StoreAsync(this IFileStore store, Func<Stream> openRead, string fileName, FileContent.Kind kind, CancellationToken cancellationToken)
    {
        await using var content = openRead();
        var stored = await store.SaveAsync(content, cancellationToken);
        return new FileMetadata(FileContent.SafeName(fileName, kind), kind.ContentType, stored.Size, stored.Sha256, stored.Key);
    }

    /// <summary>What the file is, from its first bytes; null when it is none of the known kinds.</summary>
    public static async Task<FileContent.Kind?> DetectAsync(Func<Stream> openRead, CancellationToken cancellationToken)
    {
        var header = new byte[FileContent.HeaderLength];
        await using var stream = openRead();
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        return FileContent.Detect(header.AsSpan(0, read));
    }

    private static async Task<ScanResult?> ScanAsync(IVirusScanner scanner, UploadedFile file, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = file.OpenRead();
            return await scanner.ScanAsync(content, cancellationToken);
        }
        catch (ScannerUnavailableException)
        {
            return null;
        }
    }
}
