using System.Globalization;

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
    /// Checks the answers and returns them trimmed, with unknown keys dropped so nothing the form
    /// does not ask for is stored.
    /// </summary>
    public FormValidationResult Validate(IReadOnlyDictionary<string, string?> answers)
    {
        var errors = new List<FieldError>();
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            answers.TryGetValue(field.Key, out var raw);
            var value = raw?.Trim() ?? "";
            if (value.Length == 0)
            {
                if (field.Required)
                {
                    errors.Add(new FieldError(field.Key, field.Type is FieldType.SingleChoice or FieldType.YesNo ? "Form.Required.Choose" : "Form.Required"));
                }

                continue;
            }

            var error = Check(field, value);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            clean[field.Key] = value;
        }

        return new FormValidationResult(errors, clean);
    }

    private static FieldError? Check(FormField field, string value)
    {
        if (value.Length > field.EffectiveMaxLength)
        {
            return new FieldError(field.Key, "Form.TooLong", new Dictionary<string, object> { ["max"] = field.EffectiveMaxLength });
        }

        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return new FieldError(field.Key, "Form.InvalidCharacters");
        }

        switch (field.Type)
        {
            case FieldType.Number:
                if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    return new FieldError(field.Key, "Form.NotANumber");
                }

                if ((field.Min is { } min && number < min) || (field.Max is { } max && number > max))
                {
                    return new FieldError(field.Key, "Form.OutOfRange", new Dictionary<string, object> { ["min"] = field.Min ?? decimal.MinValue, ["max"] = field.Max ?? decimal.MaxValue });
                }

                break;
            case FieldType.Date:
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return new FieldError(field.Key, "Form.NotADate");
                }

                break;
            case FieldType.Email:
                var at = value.IndexOf('@', StringComparison.Ordinal);
                if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || !value[(at + 1)..].Contains('.', StringComparison.Ordinal) || value.Any(char.IsWhiteSpace))
                {
                    return new FieldError(field.Key, "Form.NotAnEmail");
                }

                break;
            case FieldType.Phone:
                var digits = value.Where(c => c is not '-' and not ' ' and not '(' and not ')').ToArray();
                if (digits.Length is < 10 or > 11 || digits[0] != '0' || !digits.All(char.IsAsciiDigit))
                {
                    return new FieldError(field.Key, "Form.NotAPhone");
                }

                break;
            case FieldType.SingleChoice:
                if (field.OptionList.All(o => o.Value != value))
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
