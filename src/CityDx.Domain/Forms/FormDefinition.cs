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

    /// <summary>氏名: JIS X 0213 characters, nothing invisible or private-use.</summary>
    PersonName = 9,

    /// <summary>フリガナ: hiragana or katakana in, full-width katakana stored.</summary>
    Furigana = 10,

    /// <summary>郵便番号 + 住所: several answers under one key (see <see cref="AddressPart"/>).</summary>
    PostalAddress = 11,
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
    bool Wareki = false)
{
    public string Label(bool english) => english ? LabelEn : LabelJa;
    public string? Hint(bool english) => english ? HintEn : HintJa;
    public IReadOnlyList<FieldOption> OptionList => Options ?? [];

    /// <summary>Upper bound used when a field sets none, so no answer is unbounded.</summary>
    public int EffectiveMaxLength => MaxLength ?? (Type == FieldType.LongText ? 4000 : 200);
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
    /// phone numbers as digits, dates as ISO, フリガナ as katakana), with unknown keys dropped so
    /// nothing the form does not ask for is stored.
    /// </summary>
    public FormValidationResult Validate(IReadOnlyDictionary<string, string?> answers)
    {
        var errors = new List<FieldError>();
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            switch (field.Type)
            {
                case FieldType.PostalAddress:
                    ValidateAddress(field, answers, errors, clean);
                    break;
                default:
                    ValidateSingle(field, answers, errors, clean);
                    break;
            }
        }

        return new FormValidationResult(errors, clean);
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

        var error = CheckType(field, ref value);
        if (error is not null)
        {
            errors.Add(error);
            return;
        }

        clean[field.Key] = value;
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
