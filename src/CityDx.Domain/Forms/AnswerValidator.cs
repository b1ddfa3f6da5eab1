using System.Globalization;
using CityDx.Domain.Japanese;

namespace CityDx.Domain.Forms;

/// <summary>
/// Checks the answers to one form's visible questions and collects them normalised: one instance per validation,
/// each field type's rules in its own part (addresses, dates, lists of values, repeating groups, single values).
/// Without a <see cref="AnswerContext"/> the rules that need today's date or the postal data are not checked.
/// </summary>
internal sealed partial class AnswerValidator(IReadOnlyDictionary<string, string?> answers, AnswerContext? context)
{
    private readonly List<FieldError> _errors = [];
    private readonly Dictionary<string, string> _clean = new(StringComparer.Ordinal);

    public FormValidationResult Result() => new(_errors, _clean);

    public void Field(FormField field)
    {
        switch (field.Type)
        {
            case FieldType.Information:
                break;
            case FieldType.PostalAddress:
                Address(field);
                break;
            case FieldType.MultipleChoice:
                MultipleChoice(field);
                break;
            case FieldType.FileUpload:
                Files(field);
                break;
            case FieldType.RepeatingGroup:
                Group(field);
                break;
            case FieldType.Declaration:
                Declaration(field);
                break;
            default:
                Single(field);
                break;
        }
    }

    private void Error(string key, string code, Dictionary<string, object>? args = null) => _errors.Add(new FieldError(key, code, args));

    private void Single(FormField field)
    {
        var raw = field.Type == FieldType.Date ? DateAnswer(field.Key) : answers.GetValueOrDefault(field.Key);
        if (AnswerText.Refuses(raw))
        {
            // Checked before normalising, which would silently repair or drop such characters.
            Error(field.Key, "Form.InvalidCharacters");
            return;
        }

        var value = AnswerText.Normalize(field.Type, raw);
        if (value.Length == 0)
        {
            if (field.Required)
            {
                Error(field.Key, field.Type is FieldType.SingleChoice or FieldType.YesNo ? "Form.Required.Choose" : "Form.Required");
            }

            return;
        }

        if (value.Length > field.EffectiveMaxLength)
        {
            Error(field.Key, "Form.TooLong", new() { ["max"] = field.EffectiveMaxLength });
            return;
        }

        if (field.MinLength is { } minLength && value.Length < minLength)
        {
            Error(field.Key, "Form.TooShort", new() { ["min"] = minLength });
            return;
        }

        var error = CheckType(field, ref value);
        if (error is not null)
        {
            _errors.Add(error);
            return;
        }

        if (!string.IsNullOrEmpty(field.Pattern) && !AnswerText.MatchesPattern(field.Pattern, value))
        {
            Error(field.Key, "Form.Pattern");
            return;
        }

        _clean[field.Key] = value;
    }

    /// <summary>The rules of the field's type, on the normalised value; <paramref name="value"/> becomes the stored form.</summary>
    private FieldError? CheckType(FormField field, ref string value)
    {
        switch (field.Type)
        {
            case FieldType.Number:
                return CheckNumber(field, ref value);
            case FieldType.Date:
                return CheckDate(field, ref value);
            case FieldType.Email:
                var at = value.IndexOf('@', StringComparison.Ordinal);
                return at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || !value[(at + 1)..].Contains('.', StringComparison.Ordinal) || value.Any(char.IsWhiteSpace)
                    ? new FieldError(field.Key, "Form.NotAnEmail")
                    : null;
            case FieldType.Phone:
                if (!PhoneNumber.TryNormalize(value, out var phone, out _))
                {
                    return new FieldError(field.Key, "Form.NotAPhone");
                }

                value = phone;
                return null;
            case FieldType.PersonName:
                return CheckName(field, value);
            case FieldType.Furigana:
                if (!TextNormalizer.TryNormalizeFurigana(value, out var kana, out _))
                {
                    return new FieldError(field.Key, "Form.Furigana");
                }

                value = kana;
                return null;
            case FieldType.SingleChoice:
                var chosen = value;
                return field.OptionList.All(o => o.Value != chosen) ? new FieldError(field.Key, "Form.NotAnOption") : null;
            case FieldType.YesNo:
                return value is not ("yes" or "no") ? new FieldError(field.Key, "Form.NotAnOption") : null;
            default:
                return null;
        }
    }

    private static FieldError? CheckNumber(FormField field, ref string value)
    {
        if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return new FieldError(field.Key, "Form.NotANumber");
        }

        if ((field.Min is { } min && number < min) || (field.Max is { } max && number > max))
        {
            return new FieldError(field.Key, "Form.OutOfRange", new Dictionary<string, object> { ["min"] = field.Min ?? decimal.MinValue, ["max"] = field.Max ?? decimal.MaxValue });
        }

        value = number.ToString(CultureInfo.InvariantCulture);
        return null;
    }

    private static FieldError? CheckName(FormField field, string value)
    {
        var name = NameCharacters.Validate(value);
        if (name.IsValid)
        {
            return null;
        }

        var shown = name.RejectedCharacter is { } ch && !string.IsNullOrWhiteSpace(ch) && !char.IsControl(ch[0]) && char.GetUnicodeCategory(ch, 0) != UnicodeCategory.Format
            ? $"「{ch}」({name.CodePointLabel})"
            : name.CodePointLabel ?? "";
        return new FieldError(field.Key, "Form.NameCharacter", new Dictionary<string, object> { ["char"] = shown });
    }
}
