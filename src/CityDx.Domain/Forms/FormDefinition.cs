using System.Globalization;
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
    decimal? Max = null)
{
    public string Label(bool english) => english ? LabelEn : LabelJa;
    public string? Hint(bool english) => english ? HintEn : HintJa;
    public IReadOnlyList<FieldOption> OptionList => Options ?? [];

    /// <summary>Upper bound used when a field sets none, so no answer is unbounded.</summary>
    public int EffectiveMaxLength => MaxLength ?? (Type == FieldType.LongText ? 4000 : 200);
}

/// <summary>A problem with one answer; <see cref="Code"/> is turned into words by the UI.</summary>
public sealed record FieldError(string FieldKey, string Code, IReadOnlyDictionary<string, object>? Args = null);

/// <summary>
/// The questions of one form version. Answers are validated against the version an application is
/// pinned to, never against the live form, so a later version cannot invalidate what was filed.
/// </summary>
public sealed class FormDefinition
{
    public const int MaxFields = 500;

    public FormDefinition(IReadOnlyList<FormField> fields)
    {
        Fields = fields;
    }

    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>
    /// Checks the answers and returns them normalised (full-width digits and letters made
    /// half-width where the field expects them, half-width kana made full-width, spaces trimmed,
    /// phone numbers as digits, dates as ISO), with unknown keys dropped so nothing the form does
    /// not ask for is stored.
    /// </summary>
    public FormValidationResult Validate(IReadOnlyDictionary<string, string?> answers)
    {
        var errors = new List<FieldError>();
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            answers.TryGetValue(field.Key, out var raw);
            if (raw is not null && (!IsWellFormed(raw) || raw.Any(IsRefused)))
            {
                // Checked before normalising, which would silently repair or drop such characters.
                errors.Add(new FieldError(field.Key, "Form.InvalidCharacters"));
                continue;
            }

            var value = Normalize(field.Type, raw);
            if (value.Length == 0)
            {
                if (field.Required)
                {
                    errors.Add(new FieldError(field.Key, field.Type is FieldType.SingleChoice or FieldType.YesNo ? "Form.Required.Choose" : "Form.Required"));
                }

                continue;
            }

            var (error, stored) = Check(field, value);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            clean[field.Key] = stored;
        }

        return new FormValidationResult(errors, clean);
    }

    private static string Normalize(FieldType type, string? raw) => raw is null ? "" : type switch
    {
        FieldType.ShortText or FieldType.LongText => TextNormalizer.NormalizeText(raw),
        FieldType.Number or FieldType.Email or FieldType.Phone or FieldType.Date => TextNormalizer.ToHalfWidthAscii(raw).Trim(),
        _ => raw.Trim(),
    };

    private static (FieldError? Error, string Stored) Check(FormField field, string value)
    {
        if (value.Length > field.EffectiveMaxLength)
        {
            return (new FieldError(field.Key, "Form.TooLong", new Dictionary<string, object> { ["max"] = field.EffectiveMaxLength }), value);
        }

        var error = CheckType(field, ref value);
        return (error, value);
    }

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
                // The browser's date input sends ISO; a typed 西暦 or 和暦 date (令和7年4月1日, R7.4.1) is accepted too.
                if (!Wareki.TryParseDetailed(value, out var date, out _))
                {
                    return new FieldError(field.Key, "Form.NotADate");
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
