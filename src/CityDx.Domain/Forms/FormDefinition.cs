using System.Globalization;
using System.Text.RegularExpressions;
using CityDx.Domain.Japanese;

namespace CityDx.Domain.Forms;

public enum FieldType
{
    ShortText = 1,
    LongText = 2,
    Number = 3,
    Date = 4,
    Email = 5,
    Phone = 6,
    SingleChoice = 7,
    YesNo = 8,

    /// <summary>氏名: JIS X 0213 characters, nothing invisible or private-use.</summary>
    PersonName = 9,

    /// <summary>フリガナ: hiragana or katakana in, full-width katakana stored.</summary>
    Furigana = 10,

    /// <summary>郵便番号 + 住所: several answers under one key (see <see cref="AddressPart"/>).</summary>
    PostalAddress = 11,

    /// <summary>
    /// Several of <see cref="FormField.Options"/>; the answer is the chosen option values joined by '\n'
    /// (stored in option order). <see cref="FormField.Min"/>/<see cref="FormField.Max"/>, when set, bound the number chosen.
    /// </summary>
    MultipleChoice = 12,

    /// <summary>
    /// Attachments. The answer is a '\n'-separated list of attachment ids the application stores elsewhere; the
    /// domain checks only presence and count (<see cref="FormField.MaxFiles"/>). Type and size limits
    /// (<see cref="FormField.AllowedFileTypes"/>, <see cref="FormField.MaxFileSizeBytes"/>) are enforced on upload.
    /// </summary>
    FileUpload = 13,

    /// <summary>
    /// A table of rows of <see cref="FormField.SubFields"/>, stored as "{key}[{i}].{subKey}" for rows 0..n-1
    /// (see <see cref="GroupRow"/>), with the row count under "{key}".
    /// </summary>
    RepeatingGroup = 14,

    /// <summary>A consent checkbox (誓約・同意). Its value is "yes" when ticked; when required it must be ticked.</summary>
    Declaration = 15,

    /// <summary>Read-only text (<see cref="FormField.ContentJa"/>/<see cref="FormField.ContentEn"/>); never validated or stored.</summary>
    Information = 16,
}

public sealed record FieldOption(string Value, string LabelJa, string LabelEn);

/// <summary>One question of a form. <see cref="Key"/> is the stable name its answer is stored under.</summary>
public sealed record FormField(
    string Key,
    FieldType Type,
    string LabelJa,
    string LabelEn,
    bool Required = true,
    int? MaxLength = null,
    string? HintJa = null,
    string? HintEn = null,
    IReadOnlyList<FieldOption>? Options = null,
    decimal? Min = null,
    decimal? Max = null,
    bool Wareki = false,
    Condition? ShowWhen = null,
    int? MinLength = null,
    string? Pattern = null,
    IReadOnlyList<string>? AllowedFileTypes = null,
    long? MaxFileSizeBytes = null,
    int? MaxFiles = null,
    IReadOnlyList<FormField>? SubFields = null,
    int? MinRows = null,
    int? MaxRows = null,
    string? ContentJa = null,
    string? ContentEn = null)
{
    public string Label(bool english) => english ? LabelEn : LabelJa;
    public string? Hint(bool english) => english ? HintEn : HintJa;
    public IReadOnlyList<FieldOption> OptionList => Options ?? [];

    /// <summary>Upper bound used when a field sets none, so no answer is unbounded.</summary>
    public int EffectiveMaxLength => MaxLength ?? (Type == FieldType.LongText ? 4000 : 200);

    public string? Content(bool english) => english ? ContentEn : ContentJa;
    public IReadOnlyList<FormField> SubFieldList => SubFields ?? [];
    public IReadOnlyList<string> AllowedFileTypeList => AllowedFileTypes ?? [];

    /// <summary>Whether the field takes an answer (everything but <see cref="FieldType.Information"/>).</summary>
    public bool IsInput => Type != FieldType.Information;
}

/// <summary>The answers a <see cref="FieldType.PostalAddress"/> field is made of, stored as "{key}.{part}".</summary>
public static class AddressPart
{
    public const string PostalCode = "postal_code";
    public const string Prefecture = "prefecture";
    public const string City = "city";
    public const string Town = "town";
    public const string Street = "street";

    public static readonly IReadOnlyList<string> All = [PostalCode, Prefecture, City, Town, Street];

    public static string Key(string fieldKey, string part) => $"{fieldKey}.{part}";
}

/// <summary>The parts a date may be typed in (年・月・日, and 元号 when the field shows 和暦), stored as "{key}.{part}".</summary>
public static class DatePart
{
    public const string Era = "era";
    public const string Year = "year";
    public const string Month = "month";
    public const string Day = "day";

    public static string Key(string fieldKey, string part) => $"{fieldKey}.{part}";
}

/// <summary>The answers of a <see cref="FieldType.RepeatingGroup"/>: "{key}[{row}].{subKey}", rows numbered from 0 without gaps.</summary>
public static class GroupRow
{
    public static string Key(string groupKey, int row, string subKey) => $"{groupKey}[{row.ToString(CultureInfo.InvariantCulture)}].{subKey}";
    public static string Prefix(string groupKey, int row) => $"{groupKey}[{row.ToString(CultureInfo.InvariantCulture)}].";
}

/// <summary>A problem with one answer; <see cref="Code"/> is turned into words by the UI.</summary>
public sealed record FieldError(string FieldKey, string Code, IReadOnlyDictionary<string, object>? Args = null);

/// <summary>
/// The questions of one form version, in <see cref="Steps"/> (pages). Answers are validated against the version an
/// application is pinned to, never against the live form, so a later version cannot invalidate what was filed.
/// </summary>
public sealed class FormDefinition
{
    /// <summary>Most fields a form may have, counting the sub-fields of repeating groups.</summary>
    public const int MaxFields = 500;

    /// <summary>Most rows a repeating group accepts when it sets no <see cref="FormField.MaxRows"/>.</summary>
    public const int RowLimit = 100;

    /// <summary>Key of the single step made by <see cref="FormDefinition(IReadOnlyList{FormField})"/>.</summary>
    public const string SingleStepKey = "main";

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, FormField> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<FormField, FormStep> _stepOf = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A one-page form: the fields become a single step with key <see cref="SingleStepKey"/> ("main") and empty
    /// titles (a one-page form shows no step title; <see cref="FormChecks"/> only requires titles when there are several steps).
    /// </summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public FormDefinition(IReadOnlyList<FormField> fields)
        : this([new FormStep(SingleStepKey, "", "", fields)])
    {
    }

    public FormDefinition(IReadOnlyList<FormStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps;
        Fields = [.. steps.SelectMany(s => s.Fields ?? [])];
        foreach (var step in steps)
        {
            foreach (var field in step.Fields ?? [])
            {
                _stepOf.TryAdd(field, step);
                _byKey.TryAdd(field.Key, field);
            }
        }
    }

    public IReadOnlyList<FormStep> Steps { get; }

    /// <summary>All fields of all steps, in order (sub-fields of repeating groups stay inside their group).</summary>
    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>The top-level field with this key (the first, should a broken definition repeat one).</summary>
    public FormField? FindField(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The step a top-level field of this definition is on.</summary>
    public FormStep? StepOf(FormField field) => _stepOf.GetValueOrDefault(field);

    /// <summary>
    /// Whether the step is shown for these answers: its <see cref="FormStep.ShowWhen"/> holds. A condition on a field
    /// that is missing or hidden is false.
    /// </summary>
    public bool IsVisible(FormStep step, IReadOnlyDictionary<string, string?> answers) => new Visibility(this, answers).Step(step);

    /// <summary>
    /// Whether the field is shown for these answers: its step is visible and its own <see cref="FormField.ShowWhen"/>
    /// holds. A condition on a field that is missing or itself hidden is false, so chains work (hidden parent → hidden child).
    /// A sub-field of a repeating group is visible when its group is.
    /// </summary>
    public bool IsVisible(FormField field, IReadOnlyDictionary<string, string?> answers) => new Visibility(this, answers).Field(field);

    /// <summary>
    /// Checks the answers and returns them normalised (full-width digits and letters made
    /// half-width where the field expects them, half-width kana made full-width, spaces trimmed,
    /// phone numbers as digits, dates as ISO, フリガナ as katakana), with unknown keys dropped so
    /// nothing the form does not ask for is stored. Fields that are hidden by a condition (or on a hidden step)
    /// are neither checked nor stored, even when their answers were posted.
    /// </summary>
    public FormValidationResult Validate(IReadOnlyDictionary<string, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new List<FieldError>();
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        var visibility = new Visibility(this, answers);
        foreach (var step in Steps)
        {
            if (!visibility.Step(step))
            {
                continue;
            }

            foreach (var field in step.Fields ?? [])
            {
                if (visibility.Field(field))
                {
                    ValidateField(field, answers, errors, clean);
                }
            }
        }

        return new FormValidationResult(errors, clean);
    }

    /// <summary>
    /// Checks one step's questions, as the filing flow does when the citizen continues from that step:
    /// conditions are evaluated against all the answers so far (a question on this step may depend on an
    /// earlier step), and only this step's visible questions are checked and returned.
    /// </summary>
    public FormValidationResult ValidateStep(FormStep step, IReadOnlyDictionary<string, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new List<FieldError>();
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        var visibility = new Visibility(this, answers);
        foreach (var field in step.Fields ?? [])
        {
            if (visibility.Field(field))
            {
                ValidateField(field, answers, errors, clean);
            }
        }

        return new FormValidationResult(errors, clean);
    }

    /// <summary>
    /// Whether an answer key is one a question on this step reads: the question's own key, a part of
    /// an address or a date ("address.postal_code", "birth.year") or a cell of a repeating group's row
    /// ("children[0].name"). Anything else posted with the step is not the form's and is not kept.
    /// </summary>
    public static bool StepOwnsKey(FormStep step, string key)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var field in step.Fields ?? [])
        {
            if (!key.StartsWith(field.Key, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.Length == field.Key.Length)
            {
                return true;
            }

            var rest = key[field.Key.Length..];
            switch (field.Type)
            {
                case FieldType.PostalAddress when rest[0] == '.' && AddressPart.All.Contains(rest[1..]):
                case FieldType.Date when rest is ".era" or ".year" or ".month" or ".day":
                    return true;
                case FieldType.RepeatingGroup when rest[0] == '[':
                    var close = rest.IndexOf("].", StringComparison.Ordinal);
                    if (close > 1 && int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row < RowLimit
                        && field.SubFieldList.Any(sub => rest[(close + 2)..] == sub.Key || rest[(close + 2)..].StartsWith(sub.Key + ".", StringComparison.Ordinal)))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static void ValidateField(FormField field, IReadOnlyDictionary<string, string?> answers, List<FieldError> errors, Dictionary<string, string> clean)
    {
        switch (field.Type)
        {
            case FieldType.Information:
                break;
            case FieldType.PostalAddress:
                ValidateAddress(field, answers, errors, clean);
                break;
            case FieldType.MultipleChoice:
                ValidateMultipleChoice(field, answers, errors, clean);
                break;
            case FieldType.FileUpload:
                ValidateFiles(field, answers, errors, clean);
                break;
            case FieldType.RepeatingGroup:
                ValidateGroup(field, answers, errors, clean);
                break;
            case FieldType.Declaration:
                ValidateDeclaration(field, answers, errors, clean);
                break;
            default:
                ValidateSingle(field, answers, errors, clean);
                break;
        }
    }

    /// <summary>'\n'-separated values, trimmed, blanks and repeats dropped ("\r\n" is accepted too).</summary>
    private static List<string> Lines(string? raw) =>
        raw is null ? [] : [.. raw.Split('\n').Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static void ValidateMultipleChoice(FormField field, IReadOnlyDictionary<string, string?> answers, List<FieldError> errors, Dictionary<string, string> clean)
    {
        var raw = answers.GetValueOrDefault(field.Key);
        if (Refuses(raw))
        {
            errors.Add(new FieldError(field.Key, "Form.InvalidCharacters"));
            return;
        }

        var chosen = Lines(raw);
        if (chosen.Count == 0)
        {
            if (field.Required)
            {
                errors.Add(new FieldError(field.Key, "Form.Required.Choose"));
            }

            return;
        }

        if (chosen.Any(c => field.OptionList.All(o => o.Value != c)))
        {
            errors.Add(new FieldError(field.Key, "Form.NotAnOption"));
            return;
        }

        if ((field.Min is { } min && chosen.Count < min) || (field.Max is { } max && chosen.Count > max))
        {
            errors.Add(new FieldError(field.Key, "Form.SelectionCount", new Dictionary<string, object> { ["min"] = field.Min ?? 0m, ["max"] = field.Max ?? field.OptionList.Count }));
            return;
        }

        // Stored in option order so the same choice is always stored the same way.
        clean[field.Key] = string.Join('\n', field.OptionList.Select(o => o.Value).Where(v => chosen.Contains(v, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal));
    }

    private static void ValidateFiles(FormField field, IReadOnlyDictionary<string, string?> answers, List<FieldError> errors, Dictionary<string, string> clean)
    {
        var raw = answers.GetValueOrDefault(field.Key);
        if (Refuses(raw))
        {
            errors.Add(new FieldError(field.Key, "Form.InvalidCharacters"));
            return;
        }

        var ids = Lines(raw);
        if (ids.Count == 0)
        {
            if (field.Required)
            {
                errors.Add(new FieldError(field.Key, "Form.Required"));
            }

            return;
        }

        if (field.MaxFiles is { } maxFiles && ids.Count > maxFiles)
        {
            errors.Add(new FieldError(field.Key, "Form.TooManyFiles", new Dictionary<string, object> { ["max"] = maxFiles }));
            return;
        }

        clean[field.Key] = string.Join('\n', ids);
    }

    private static void ValidateDeclaration(FormField field, IReadOnlyDictionary<string, string?> answers, List<FieldError> errors, Dictionary<string, string> clean)
    {
        var raw = answers.GetValueOrDefault(field.Key);
        var value = raw?.Trim() ?? "";
        if (value == "yes")
        {
            clean[field.Key] = value;
        }
        else if (field.Required)
        {
            errors.Add(new FieldError(field.Key, "Form.Declaration"));
        }
        else if (value.Length > 0)
        {
            errors.Add(new FieldError(field.Key, "Form.NotAnOption"));
        }
    }

    /// <summary>
    /// Rows are 0..n-1: n is the row count posted under "{key}" when it is a whole number, else the number of
    /// contiguous rows from 0 that have any answer. Answers for rows at or beyond n are dropped.
    /// </summary>
    private static void ValidateGroup(FormField field, IReadOnlyDictionary<string, string?> answers, List<FieldError> errors, Dictionary<string, string> clean)
    {
        var maxRows = Math.Min(field.MaxRows ?? RowLimit, RowLimit);
        var minRows = field.MinRows ?? (field.Required ? 1 : 0);
        int rows;
        var posted = answers.GetValueOrDefault(field.Key)?.Trim();
        if (!string.IsNullOrEmpty(posted))
        {
            if (!int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out rows))
            {
                errors.Add(new FieldError(field.Key, "Form.NotANumber"));
                return;
            }
        }
        else
        {
            var present = new HashSet<int>();
            var prefix = field.Key + "[";
            foreach (var key in answers.Keys)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var close = key.IndexOf("].", prefix.Length, StringComparison.Ordinal);
                    var digits = close > prefix.Length ? key[prefix.Length..close] : "";
                    if (digits.Length is > 0 and <= 4 && (digits == "0" || digits[0] != '0') && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        present.Add(index);
                    }
                }
            }

            rows = 0;
            while (present.Contains(rows))
            {
                rows++;
            }
        }

        if (rows < minRows || rows > maxRows)
        {
            errors.Add(new FieldError(field.Key, "Form.Rows", new Dictionary<string, object> { ["min"] = minRows, ["max"] = maxRows }));
            return;
        }

        if (rows == 0)
        {
            return;
        }

        clean[field.Key] = rows.ToString(CultureInfo.InvariantCulture);
        for (var row = 0; row < rows; row++)
        {
            foreach (var sub in field.SubFieldList)
            {
                // Each cell is checked with the sub-field's own rules under its row key.
                if (sub.Type != FieldType.RepeatingGroup)
                {
                    ValidateField(sub with { Key = GroupRow.Key(field.Key, row, sub.Key) }, answers, errors, clean);
                }
            }
        }
    }

    /// <summary>Evaluates <see cref="Condition"/>s for one set of answers, remembering results and refusing loops.</summary>
    private sealed class Visibility(FormDefinition form, IReadOnlyDictionary<string, string?> answers)
    {
        private readonly Dictionary<object, bool> _known = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<object> _evaluating = new(ReferenceEqualityComparer.Instance);

        public bool Step(FormStep step) => Remember(step, () => Holds(step.ShowWhen));

        public bool Field(FormField field) => Remember(field, () =>
        {
            if (form._stepOf.TryGetValue(field, out var step))
            {
                return Step(step) && Holds(field.ShowWhen);
            }

            // A sub-field: visible with its group (rules inside groups are not supported; see FormChecks).
            var group = form.Fields.FirstOrDefault(f => f.Type == FieldType.RepeatingGroup && f.SubFieldList.Any(s => ReferenceEquals(s, field)));
            return group is not null ? Field(group) : Holds(field.ShowWhen);
        });

        private bool Holds(Condition? condition)
        {
            if (condition is null)
            {
                return true;
            }

            var target = form.FindField(condition.FieldKey);
            return target is not null && Field(target) && Condition.Evaluate(condition, target.Type, answers.GetValueOrDefault(target.Key));
        }

        private bool Remember(object item, Func<bool> evaluate)
        {
            if (_known.TryGetValue(item, out var known))
            {
                return known;
            }

            // A rule that (directly or not) depends on itself is false rather than endless; FormChecks reports it.
            if (!_evaluating.Add(item))
            {
                return false;
            }

            var result = evaluate();
            _evaluating.Remove(item);
            _known[item] = result;
            return result;
        }
    }

    private static void ValidateSingle(FormField field, IReadOnlyDictionary<string, string?> answers, List<FieldError> errors, Dictionary<string, string> clean)
    {
        var raw = field.Type == FieldType.Date ? DateAnswer(field.Key, answers) : answers.GetValueOrDefault(field.Key);
        if (Refuses(raw))
        {
            // Checked before normalising, which would silently repair or drop such characters.
            errors.Add(new FieldError(field.Key, "Form.InvalidCharacters"));
            return;
        }

        var value = Normalize(field.Type, raw);
        if (value.Length == 0)
        {
            if (field.Required)
            {
                errors.Add(new FieldError(field.Key, field.Type is FieldType.SingleChoice or FieldType.YesNo ? "Form.Required.Choose" : "Form.Required"));
            }

            return;
        }

        if (value.Length > field.EffectiveMaxLength)
        {
            errors.Add(new FieldError(field.Key, "Form.TooLong", new Dictionary<string, object> { ["max"] = field.EffectiveMaxLength }));
            return;
        }

        if (field.MinLength is { } minLength && value.Length < minLength)
        {
            errors.Add(new FieldError(field.Key, "Form.TooShort", new Dictionary<string, object> { ["min"] = minLength }));
            return;
        }

        var error = CheckType(field, ref value);
        if (error is not null)
        {
            errors.Add(error);
            return;
        }

        if (!string.IsNullOrEmpty(field.Pattern) && !MatchesPattern(field.Pattern, value))
        {
            errors.Add(new FieldError(field.Key, "Form.Pattern"));
            return;
        }

        clean[field.Key] = value;
    }

    /// <summary>
    /// The whole normalised answer must match (as with the HTML pattern attribute): the pattern is wrapped in
    /// \A(?:…)\z. Culture-invariant, 100 ms timeout; a timeout or a pattern that does not compile (which
    /// <see cref="FormChecks"/> refuses at publish) counts as no match.
    /// </summary>
    internal static bool MatchesPattern(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A date typed as one value (ISO, 西暦 or 和暦 text) or in parts (元号・年・月・日).</summary>
    private static string? DateAnswer(string key, IReadOnlyDictionary<string, string?> answers)
    {
        if (answers.TryGetValue(key, out var whole) && !string.IsNullOrWhiteSpace(whole))
        {
            return whole;
        }

        var era = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Era))?.Trim();
        var year = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Year))?.Trim();
        var month = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Month))?.Trim();
        var day = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Day))?.Trim();
        if (string.IsNullOrEmpty(year) && string.IsNullOrEmpty(month) && string.IsNullOrEmpty(day))
        {
            return whole;
        }

        // Parts become one text the 和暦/西暦 parser reads, so both paths share its rules and messages.
        return string.IsNullOrEmpty(era) || era == "western"
            ? $"{year}年{month}月{day}日"
            : $"{Wareki.FindEra(era)?.Name ?? era}{year}年{month}月{day}日";
    }

    private static void ValidateAddress(FormField field, IReadOnlyDictionary<string, string?> answers, List<FieldError> errors, Dictionary<string, string> clean)
    {
        var parts = AddressPart.All.ToDictionary(p => p, p => answers.GetValueOrDefault(AddressPart.Key(field.Key, p)));
        if (parts.Values.Any(Refuses))
        {
            errors.Add(new FieldError(AddressPart.Key(field.Key, AddressPart.PostalCode), "Form.InvalidCharacters"));
            return;
        }

        var values = parts.ToDictionary(p => p.Key, p => p.Key == AddressPart.PostalCode
            ? TextNormalizer.ToHalfWidthAscii(p.Value ?? "").Trim()
            : TextNormalizer.NormalizeText(p.Value ?? ""));
        if (!field.Required && values.Values.All(v => v.Length == 0))
        {
            return;
        }

        var before = errors.Count;
        if (values[AddressPart.PostalCode].Length == 0)
        {
            errors.Add(new FieldError(AddressPart.Key(field.Key, AddressPart.PostalCode), "Form.PostalCode.Required"));
        }
        else if (!PostalCode.TryNormalize(values[AddressPart.PostalCode], out var sevenDigits, out _))
        {
            errors.Add(new FieldError(AddressPart.Key(field.Key, AddressPart.PostalCode), "Form.PostalCode.Invalid"));
        }
        else
        {
            values[AddressPart.PostalCode] = sevenDigits;
        }

        foreach (var (part, code) in new[] { (AddressPart.Prefecture, "Form.Address.PrefectureRequired"), (AddressPart.City, "Form.Address.CityRequired"), (AddressPart.Street, "Form.Address.StreetRequired") })
        {
            if (values[part].Length == 0)
            {
                errors.Add(new FieldError(AddressPart.Key(field.Key, part), code));
            }
        }

        foreach (var part in AddressPart.All)
        {
            if (values[part].Length > 200)
            {
                errors.Add(new FieldError(AddressPart.Key(field.Key, part), "Form.TooLong", new Dictionary<string, object> { ["max"] = 200 }));
            }
        }

        if (errors.Count == before)
        {
            foreach (var part in AddressPart.All)
            {
                clean[AddressPart.Key(field.Key, part)] = values[part];
            }
        }
    }

    private static string Normalize(FieldType type, string? raw) => raw is null ? "" : type switch
    {
        FieldType.ShortText or FieldType.LongText => TextNormalizer.NormalizeText(raw),
        // Names keep their exact code points (no NFC, which would change some registered kanji).
        FieldType.PersonName => string.Join(' ', raw.Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries)),
        FieldType.Number or FieldType.Email or FieldType.Phone or FieldType.Date => TextNormalizer.ToHalfWidthAscii(raw).Trim(),
        _ => raw.Trim(),
    };

    private static bool Refuses(string? raw) => raw is not null && (!IsWellFormed(raw) || raw.Any(IsRefused));

    /// <summary>
    /// Control characters (but line breaks and tabs), bidirectional overrides, which can disguise
    /// text, and U+FFFD, which is what invalid UTF-8 in a request decodes to.
    /// </summary>
    private static bool IsRefused(char c) =>
        (char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
        || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\uFFFD';

    /// <summary>No lone surrogate halves (they cannot be stored or shown).</summary>
    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static FieldError? CheckType(FormField field, ref string value)
    {
        switch (field.Type)
        {
            case FieldType.Number:
                if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    return new FieldError(field.Key, "Form.NotANumber");
                }

                if ((field.Min is { } min && number < min) || (field.Max is { } max && number > max))
                {
                    return new FieldError(field.Key, "Form.OutOfRange", new Dictionary<string, object> { ["min"] = field.Min ?? decimal.MinValue, ["max"] = field.Max ?? decimal.MaxValue });
                }

                value = number.ToString(CultureInfo.InvariantCulture);
                break;
            case FieldType.Date:
                // The browser's date input sends ISO; a typed 西暦 or 和暦 date (令和7年4月1日, R7.4.1) or parts are accepted too.
                if (!Wareki.TryParseDetailed(value, out var date, out var dateError))
                {
                    return new FieldError(field.Key, "Form.NotADate", new Dictionary<string, object> { ["reason"] = dateError.ToString() });
                }

                value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case FieldType.Email:
                var at = value.IndexOf('@', StringComparison.Ordinal);
                if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || !value[(at + 1)..].Contains('.', StringComparison.Ordinal) || value.Any(char.IsWhiteSpace))
                {
                    return new FieldError(field.Key, "Form.NotAnEmail");
                }

                break;
            case FieldType.Phone:
                if (!PhoneNumber.TryNormalize(value, out var phone, out _))
                {
                    return new FieldError(field.Key, "Form.NotAPhone");
                }

                value = phone;
                break;
            case FieldType.PersonName:
                var name = NameCharacters.Validate(value);
                if (!name.IsValid)
                {
                    var shown = name.RejectedCharacter is { } ch && !string.IsNullOrWhiteSpace(ch) && !char.IsControl(ch[0]) && char.GetUnicodeCategory(ch, 0) != UnicodeCategory.Format
                        ? $"「{ch}」({name.CodePointLabel})"
                        : name.CodePointLabel ?? "";
                    return new FieldError(field.Key, "Form.NameCharacter", new Dictionary<string, object> { ["char"] = shown });
                }

                break;
            case FieldType.Furigana:
                if (!TextNormalizer.TryNormalizeFurigana(value, out var kana, out _))
                {
                    return new FieldError(field.Key, "Form.Furigana");
                }

                value = kana;
                break;
            case FieldType.SingleChoice:
                var chosen = value;
                if (field.OptionList.All(o => o.Value != chosen))
                {
                    return new FieldError(field.Key, "Form.NotAnOption");
                }

                break;
            case FieldType.YesNo:
                if (value is not ("yes" or "no"))
                {
                    return new FieldError(field.Key, "Form.NotAnOption");
                }

                break;
        }

        return null;
    }
}

public sealed record FormValidationResult(IReadOnlyList<FieldError> Errors, IReadOnlyDictionary<string, string> Answers)
{
    public bool IsValid => Errors.Count == 0;
}
