using CityDx.Application.Applications;
using CityDx.Application.PostalCodes;
using CityDx.Application.Procedures;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Web.Pages.Shared;
using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Applications;

/// <summary>
/// 申請する. The form carries a submission key made when the form is first shown, so a double
/// click, a refresh or a retried POST finds the application already made instead of a second one.
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class SubmitApplicationModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    public GetProcedure.ProcedureDetail? Procedure { get; private set; }

    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty]
    public Guid? WardId { get; set; }

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    /// <summary>代理申請: "self" or "proxy"; the person's details come as answers with reserved keys.</summary>
    public sealed class ProxyForm
    {
        public string? Filer { get; set; }
    }

    [BindProperty]
    public ProxyForm Proxy { get; set; } = new();

    /// <summary>The address lookup's message, by field key (works without JavaScript).</summary>
    public Dictionary<string, string> LookupStatus { get; } = [];

    /// <summary>Errors of the answers by answer key ("dog_name", "address.postal_code").</summary>
    public Dictionary<string, string> AnswerErrors() =>
        ModelState.Where(e => e.Key.StartsWith("Answers[", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => e.Key["Answers[".Length..^1], e => e.Value!.Errors[0].ErrorMessage);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Procedure = await mediator.Send(new GetProcedure.Query(code), ct);
        if (Procedure is null)
        {
            return NotFound();
        }

        SubmissionKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        Procedure = await mediator.Send(new GetProcedure.Query(code), ct);
        if (Procedure is null)
        {
            return NotFound();
        }

        CollectMultipleChoices();
        var files = Request.HasFormContentType
            ? Request.Form.Files.Where(f => f.Name.StartsWith("Files.", StringComparison.Ordinal))
                .Select(f => new SubmitApplication.UploadedFile(f.Name["Files.".Length..], f.FileName, f.Length, f.OpenReadStream)).ToList()
            : [];
        try
        {
            var proxy = new SubmitApplication.ProxyInput(Proxy.Filer == "proxy",
                Answers.GetValueOrDefault(SubmitApplication.ProxySubjectName.Key), Answers.GetValueOrDefault(SubmitApplication.ProxySubjectKana.Key),
                Answers.GetValueOrDefault(SubmitApplication.ProxyRelationship.Key));
            var result = await mediator.Send(new SubmitApplication.Command(code, WardId, Answers, SubmissionKey, files, proxy), ct);
            return Redirect($"/my/applications/{result.CaseId}/received");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex);
            return Page();
        }
    }

    /// <summary>
    /// Reads the answers straight from the form: keys of repeating-group rows ("kids[0].name") have
    /// brackets the dictionary binder would split, and checkboxes post one value per ticked option,
    /// which the answer keeps, one per line.
    /// </summary>
    private void CollectMultipleChoices()
    {
        if (!Request.HasFormContentType)
        {
            return;
        }

        var multiple = Procedure!.Fields.Where(f => f.Type == FieldType.MultipleChoice).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        Answers = Request.Form.Keys
            .Where(k => k.StartsWith("Answers[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["Answers[".Length..^1], k => multiple.Contains(k["Answers[".Length..^1])
                ? string.Join('\n', Request.Form[k].ToArray())
                : Request.Form[k].FirstOrDefault(), StringComparer.Ordinal);
    }

    /// <summary>行を追加 without JavaScript: one more row of the group, everything typed kept, nothing checked.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(string code, string? addRow, CancellationToken ct)
    {
        Procedure = await mediator.Send(new GetProcedure.Query(code), ct);
        if (Procedure is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        CollectMultipleChoices();
        if (Procedure.Fields.FirstOrDefault(f => f.Key == addRow && f.Type == FieldType.RepeatingGroup) is { } group)
        {
            var rows = new AnswerInput(group, Answers, new Dictionary<string, string>()).RowCount();
            Answers[group.Key] = Math.Min(rows + 1, group.MaxRows ?? FormDefinition.RowLimit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    /// <summary>
    /// 住所を検索 without JavaScript: the button posts the form here; the address parts are filled
    /// from the postal code and the page comes back with everything typed so far. Nothing is filed.
    /// </summary>
    public async Task<IActionResult> OnPostLookupAsync(string code, string? lookup, CancellationToken ct)
    {
        Procedure = await mediator.Send(new GetProcedure.Query(code), ct);
        var field = Procedure?.Fields.FirstOrDefault(f => f.Key == lookup && f.Type == FieldType.PostalAddress);
        if (Procedure is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        CollectMultipleChoices();
        if (field is null)
        {
            return Page();
        }

        try
        {
            var result = await mediator.Send(new LookupPostalCode.Query(Answers.GetValueOrDefault(AddressPart.Key(field.Key, AddressPart.PostalCode)) ?? ""), ct);
            if (result.Addresses.Count == 0)
            {
                LookupStatus[field.Key] = l["Address.NotFound"];
                return Page();
            }

            var first = result.Addresses[0];
            Answers[AddressPart.Key(field.Key, AddressPart.PostalCode)] = result.PostalCode;
            Answers[AddressPart.Key(field.Key, AddressPart.Prefecture)] = first.Prefecture;
            Answers[AddressPart.Key(field.Key, AddressPart.City)] = first.City;
            Answers[AddressPart.Key(field.Key, AddressPart.Town)] = result.Addresses.Count == 1 ? first.Town : "";
            LookupStatus[field.Key] = result.Addresses.Count == 1
                ? l["Address.Found"]
                : l["Address.FoundSeveral"].Value.Replace("{towns}", string.Join("、", result.Addresses.Select(a => a.Town)), StringComparison.Ordinal);
        }
        catch (ValidationException ex)
        {
            ModelState.AddModelError($"Answers[{AddressPart.Key(field.Key, AddressPart.PostalCode)}]", ex.Errors.First().ErrorMessage);
        }

        return Page();
    }
}
