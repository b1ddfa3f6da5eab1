using CityDx.Domain.Cases;
using CityDx.Domain.Forms;

namespace CityDx.Application.Common;

/// <summary>One question whose answer changed in a revision, before → after, as shown to staff.</summary>
public sealed record AnswerChange(string Key, string LabelJa, string LabelEn, string BeforeJa, string BeforeEn, string AfterJa, string AfterEn)
{
    /// <summary>The questions (in form order) whose displayed answer differs between two versions of the answers.</summary>
    public static IReadOnlyList<AnswerChange> Between(FormDefinition definition, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, IReadOnlyDictionary<Guid, string>? fileNames = null)
    {
        var old = AnsweredField.From(definition, before, fileNames).ToDictionary(a => a.Key);
        var @new = AnsweredField.From(definition, after, fileNames).ToDictionary(a => a.Key);
        return definition.Fields
            .Where(f => old.ContainsKey(f.Key) || @new.ContainsKey(f.Key))
            .Select(f => (f, Old: old.GetValueOrDefault(f.Key), New: @new.GetValueOrDefault(f.Key)))
            .Where(x => x.Old?.ValueJa != x.New?.ValueJa || x.Old?.ValueEn != x.New?.ValueEn || RawDiffers(x.f, before, after))
            .Select(x => new AnswerChange(x.f.Key, x.f.LabelJa, x.f.LabelEn, x.Old?.ValueJa ?? "", x.Old?.ValueEn ?? "", x.New?.ValueJa ?? "", x.New?.ValueEn ?? ""))
            .ToList();
    }

    /// <summary>A re-uploaded file with the same name still counts as a change (the stored ids differ).</summary>
    private static bool RawDiffers(FormField field, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        field.Type == FieldType.FileUpload && before.GetValueOrDefault(field.Key) != after.GetValueOrDefault(field.Key);
}

/// <summary>A change of the answers after filing, with what changed.</summary>
public sealed record RevisionLine(DateTimeOffset At, bool ByApplicant, IReadOnlyList<AnswerChange> Changes);

/// <summary>A message of a case's thread (or an internal note, on the staff side only).</summary>
public sealed record MessageLine(Guid Id, DateTimeOffset At, MessageKind Kind, string Body);

/// <summary>A document issued for a case.</summary>
public sealed record DocumentLine(Guid Id, string FileName, long Size, DateTimeOffset IssuedAt, DateOnly ExpiresOn, bool Expired);

/// <summary>An open correction request as shown to either side.</summary>
public sealed record CorrectionLine(DateTimeOffset RequestedAt, string Reason, IReadOnlyList<(string Key, string LabelJa, string LabelEn)> Fields);
