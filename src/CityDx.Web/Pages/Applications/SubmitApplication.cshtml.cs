using CityDx.Application.Applications;
using CityDx.Application.PostalCodes;
using CityDx.Application.Procedures;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
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

    /// <summary>Checkboxes post one value per ticked option; the answer keeps them all, one per line.</summary>
    private void CollectMultipleChoices()
    {
        foreach (var field in Procedure!.Fields.Where(f => f.Type == FieldType.MultipleChoice))
        {
            var values = Request.HasFormContentType ? Request.Form[$"Answers[{field.Key}]"] : default;
            Answers[field.Key] = values.Count == 0 ? null : string.Join('\n', values.ToArray());
        }
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
