using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Attachments;
using CityDx.Domain.Forms;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>
/// The files of file-upload questions, checked by content (magic bytes), size and count. Shared by
/// the use cases that take answers with files (the correction page now; the apply flow will move
/// here from its own copy in <see cref="SubmitApplication"/>).
/// </summary>
public static class AnswerFiles
{
    /// <summary>A file sent with the form for a file-upload question; opened as often as needed.</summary>
    public sealed record Posted(string FieldKey, string FileName, long Length, Func<Stream> OpenRead);

    /// <summary>A file that passed the checks, with the id its attachment will have.</summary>
    public sealed record Accepted(Guid Id, Posted File, FileContent.Kind Kind);

    /// <summary>
    /// Checks the files of each of <paramref name="fields"/> (file questions of <paramref name="definition"/>)
    /// that is visible, and puts the ids the attachments will have into <paramref name="answers"/>. What the
    /// browser posted as the answer of a file question is never trusted: it is replaced here.
    /// </summary>
    public static async Task<(List<Accepted> Files, List<(string Property, string Message)> Errors)> CheckAsync(
        FormDefinition definition,
        IEnumerable<FormField> fields,
        Dictionary<string, string?> answers,
        IReadOnlyList<Posted> posted,
        IStringLocalizer<SharedResource> l,
        bool english,
        CancellationToken cancellationToken)
    {
        var accepted = new List<Accepted>();
        var errors = new List<(string, string)>();
        foreach (var field in fields.Where(f => f.Type == FieldType.FileUpload))
        {
            answers[field.Key] = null;
            if (!definition.IsVisible(field, answers))
            {
                continue;
            }

            var property = LocalizationExtensions.AnswerProperty(field.Key);
            var ids = new List<Guid>();
            foreach (var file in posted.Where(f => f.FieldKey == field.Key && f.Length > 0))
            {
                var max = field.MaxFileSizeBytes ?? SubmitApplication.DefaultMaxFileBytes;
                if (file.Length > max)
                {
                    errors.Add((property, l["Form.FileTooLarge"].Value.Replace("{label}", field.Label(english), StringComparison.Ordinal)
                        .Replace("{max}", (max / (1024 * 1024)).ToString(System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal)));
                    continue;
                }

                var kind = await DetectAsync(file.OpenRead, cancellationToken);
                if (kind is null || !field.AllowedFileTypeList.Contains(kind.Type, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add((property, l["Form.FileType"].Value.Replace("{label}", field.Label(english), StringComparison.Ordinal)
                        .Replace("{types}", string.Join(", ", field.AllowedFileTypeList.Select(t => t.ToUpperInvariant())), StringComparison.Ordinal)));
                    continue;
                }

                var id = Guid.CreateVersion7();
                ids.Add(id);
                accepted.Add(new Accepted(id, file, kind));
            }

            answers[field.Key] = ids.Count == 0 ? null : string.Join('\n', ids);
        }

        return (accepted, errors);
    }

    /// <summary>What the file is, from its first bytes; null when it is none of the known kinds.</summary>
    public static async Task<FileContent.Kind?> DetectAsync(Func<Stream> openRead, CancellationToken cancellationToken)
    {
        var header = new byte[FileContent.HeaderLength];
        await using var stream = openRead();
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        return FileContent.Detect(header.AsSpan(0, read));
    }
}
