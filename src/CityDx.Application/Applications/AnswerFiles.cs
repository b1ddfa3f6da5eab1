using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Attachments;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Files;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>
/// The files of file-upload questions, checked by content (magic bytes), size and count. Shared by
/// the use cases that take answers with files (the correction page now; the checks are <see cref="UploadedFiles"/>'s).
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
        IVirusScanner scanner,
        IStringLocalizer<SharedResource> l,
        bool english,
        CancellationToken cancellationToken)
    {
        // Hidden questions take no files; the checks themselves are the filing flow's (UploadedFiles).
        var visible = fields.Where(f => f.Type == FieldType.FileUpload).ToList();
        foreach (var field in visible)
        {
            answers[field.Key] = null;
        }

        visible = [.. visible.Where(f => definition.IsVisible(f, answers))];
        var pairs = posted.Select(p => (Upload: new UploadedFile(p.FieldKey, p.FileName, p.Length, p.OpenRead), Posted: p)).ToList();
        var (checkedFiles, errors) = await UploadedFiles.CheckAsync(visible, [.. pairs.Select(p => p.Upload)], scanner, l, english, cancellationToken);
        var accepted = new List<Accepted>();
        foreach (var (key, files) in checkedFiles)
        {
            answers[key] = string.Join('\n', files.Select(f => f.Id));
            accepted.AddRange(files.Select(f => new Accepted(f.Id, pairs.First(p => ReferenceEquals(p.Upload, f.File)).Posted, f.Kind)));
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
