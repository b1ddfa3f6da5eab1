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
        var text = l[error.Code].Value.Replace("{label}", field.Label(english), StringComparison.Ordinal);
        if (error.Args is not null)
        {
            foreach (var (name, value) in error.Args)
            {
                text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Name of the property that carries an answer, so pages can link an error to its field.</summary>
    public static string AnswerProperty(string fieldKey) => $"Answers[{fieldKey}]";

    public static FluentValidation.ValidationException ToValidationException(this IEnumerable<(string Property, string Message)> errors) =>
        new(errors.Select(e => new ValidationFailure(e.Property, e.Message)));
}
