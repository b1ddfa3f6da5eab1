using CityDx.Application.Applications;
using CityDx.Application.PostalCodes;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Shared;

/// <summary>
/// What every page that takes answers to form questions does with a post (the filing pages and the
/// correction page): read the answers and files, add a row to a repeating group, look an address up
/// by postal code — all without JavaScript.
/// </summary>
public static class AnswerForm
{
    /// <summary>
    /// Reads the answers straight from the form: keys of repeating-group rows ("kids[0].name") have
    /// brackets the dictionary binder would split, and checkboxes post one value per ticked option,
    /// which the answer keeps, one per line.
    /// </summary>
    public static Dictionary<string, string?>? ReadAnswers(HttpRequest request, IEnumerable<FormField> fields)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        var multiple = fields.Where(f => f.Type == FieldType.MultipleChoice).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        return request.Form.Keys
            .Where(k => k.StartsWith("Answers[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["Answers[".Length..^1], k => multiple.Contains(k["Answers[".Length..^1])
                ? string.Join('\n', request.Form[k].ToArray())
                : request.Form[k].FirstOrDefault(), StringComparer.Ordinal);
    }

    /// <summary>The files posted for file questions (inputs named "Files.{key}").</summary>
    public static List<UploadedFile> ReadFiles(HttpRequest request) =>
        request.HasFormContentType
            ? [.. request.Form.Files.Where(f => f.Name.StartsWith("Files.", StringComparison.Ordinal))
                .Select(f => new UploadedFile(f.Name["Files.".Length..], f.FileName, f.Length, f.OpenReadStream))]
            : [];

    /// <summary>Errors of the answers by answer key ("dog_name", "address.postal_code").</summary>
    public static Dictionary<string, string> AnswerErrors(ModelStateDictionary modelState) =>
        modelState.Where(e => e.Key.StartsWith("Answers[", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => e.Key["Answers[".Length..^1], e => e.Value!.Errors[0].ErrorMessage);

    /// <summary>行を追加: one more row of the group (up to its limit), everything typed kept, nothing checked.</summary>
    public static void AddRow(IEnumerable<FormField> fields, string? groupKey, Dictionary<string, string?> answers)
    {
        if (fields.FirstOrDefault(f => f.Key == groupKey && f.Type == FieldType.RepeatingGroup) is { } group)
        {
            var rows = new AnswerInput(group, answers, new Dictionary<string, string>()).RowCount();
            answers[group.Key] = Math.Min(rows + 1, group.MaxRows ?? FormDefinition.RowLimit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// 住所を検索: fills the address parts of the question from its postal code and says what was
    /// found in <paramref name="status"/>; an invalid postal code becomes an error on its input.
    /// </summary>
    public static async Task LookupAddressAsync(IMediator mediator, IStringLocalizer<SharedResource> l, IEnumerable<FormField> fields, string? fieldKey,
        Dictionary<string, string?> answers, Dictionary<string, string> status, ModelStateDictionary modelState, CancellationToken ct)
    {
        if (fields.FirstOrDefault(f => f.Key == fieldKey && f.Type == FieldType.PostalAddress) is not { } field)
        {
            return;
        }

        // The lookup's own rule, checked here so the message lands on the postal-code input.
        var postalCodeKey = AddressPart.Key(field.Key, AddressPart.PostalCode);
        var code = answers.GetValueOrDefault(postalCodeKey) ?? "";
        if (!PostalCode.TryNormalize(code, out _, out _))
        {
            modelState.AddModelError($"Answers[{postalCodeKey}]", l["PostalCode.Invalid"]);
            return;
        }

        var result = await mediator.Send(new LookupPostalCode.Query(code), ct);
        if (result.Addresses.Count == 0)
        {
            status[field.Key] = l["Address.NotFound"];
            return;
        }

        var first = result.Addresses[0];
        answers[AddressPart.Key(field.Key, AddressPart.PostalCode)] = result.PostalCode;
        answers[AddressPart.Key(field.Key, AddressPart.Prefecture)] = first.Prefecture;
        answers[AddressPart.Key(field.Key, AddressPart.City)] = first.City;
        answers[AddressPart.Key(field.Key, AddressPart.Town)] = result.Addresses.Count == 1 ? first.Town : "";
        status[field.Key] = result.Addresses.Count == 1
            ? l["Address.Found"]
            : l["Address.FoundSeveral"].Fill(("towns", string.Join("、", result.Addresses.Select(a => a.Town))));
    }
}
