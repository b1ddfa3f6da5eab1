using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Common;

public static class LocalizationExtensions
{
    /// <summary>
    /// Turns a domain field error into a sentence in the user's language, naming the field the way
    /// the form labels it ("{label}を入力してください" / "Enter {label}").
    /// </summary>
    public static string Describe(this IStringLocalizer<SharedResource> l, FieldError error, FormField field, bool english)
    {
        if (error.Code == "Form.NotADate" && error.Args?.GetValueOrDefault("reason") is string reason
            && Enum.TryParse<CityDx.Domain.Japanese.DateInputError>(reason, out var dateError)
            && dateError is not (CityDx.Domain.Japanese.DateInputError.None or CityDx.Domain.Japanese.DateInputError.UnrecognizedFormat))
        {
            // Say exactly what is impossible about the date (平成31年5月1日, 2月30日 …).
            var why = english ? CityDx.Domain.Japanese.ErrorMessages.En(dateError) : CityDx.Domain.Japanese.ErrorMessages.Ja(dateError);
            return l["Form.NotADate.Because"].Fill(("label", field.Label(english)), ("reason", why));
        }

        var code = error.Code == "Form.Required" && field.Type == FieldType.FileUpload ? "Form.Required.File" : error.Code;
        var text = l[code].Fill(("label", field.Label(english)));
        return error.Args is null ? text : text.Fill([.. error.Args.Select(a => (a.Key, (object?)a.Value))]);
    }

    /// <summary>
    /// The one way a message's placeholders are filled (ADR 0007): each <c>{name}</c> in the text is
    /// replaced by its value, formatted in the request's culture. The ja and en texts name the same
    /// placeholders (a unit test checks it), so the code never depends on their order.
    /// </summary>
    public static string Fill(this LocalizedString text, params ReadOnlySpan<(string Name, object? Value)> values) => text.Value.Fill(values);

    /// <inheritdoc cref="Fill(LocalizedString, ReadOnlySpan{ValueTuple{string, object}})"/>
    public static string Fill(this string text, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The field an error belongs to: its own key, or the compound field of a part ("address.postal_code").</summary>
    public static FormField FieldOf(this FormDefinition definition, FieldError error)
    {
        var key = error.FieldKey;
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        var rowEnd = key.IndexOf("].", StringComparison.Ordinal);
        if (bracket > 0 && rowEnd > bracket)
        {
            // A cell of a repeating group ("members[1].name"): its own sub-field gives the label.
            var group = definition.Fields.FirstOrDefault(f => f.Key == key[..bracket]);
            var sub = key[(rowEnd + 2)..];
            var subDot = sub.IndexOf('.', StringComparison.Ordinal);
            var subKey = subDot < 0 ? sub : sub[..subDot];
            return group?.SubFieldList.FirstOrDefault(f => f.Key == subKey) ?? group ?? Unknown(key);
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        var baseKey = dot < 0 ? key : key[..dot];
        return definition.Fields.FirstOrDefault(f => f.Key == baseKey) ?? Unknown(key);
    }

    private static FormField Unknown(string key) => new(key, FieldType.ShortText, key, key);

    /// <summary>Name of the property that carries an answer, so pages can link an error to its field.</summary>
    public static string AnswerProperty(string fieldKey) => $"Answers[{fieldKey}]";

    public static FluentValidation.ValidationException ToValidationException(this IEnumerable<(string Property, string Message)> errors) =>
        new(errors.Select(e => new ValidationFailure(e.Property, e.Message)));
}
