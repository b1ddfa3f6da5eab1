using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Application.PostalCodes;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
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
/// One page of the filing flow (GOV.UK "one thing per page", here one question group): a back
/// link, "step n of m", the page's questions with what was saved before, and 次へ (continue), which
/// saves the page on the server. Works without JavaScript; the browser's back button and refresh
/// show what was saved (the page is never served from cache).
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class AnswerStepModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    public AnswerStep.StepPage? Step { get; private set; }

    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty]
    public Guid? WardId { get; set; }

    /// <summary>代理申請: "self" or "proxy"; the person's details come as answers with reserved keys.</summary>
    public sealed class ProxyForm
    {
        public string? Filer { get; set; }
    }

    [BindProperty]
    public ProxyForm Proxy { get; set; } = new();

    /// <summary>The citizen came from check your answers to change something: continue returns there.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Change { get; set; }

    /// <summary>File questions whose saved files the citizen asked to remove.</summary>
    [BindProperty]
    public List<string> RemoveFiles { get; set; } = [];

    /// <summary>The address lookup's message, by field key (works without JavaScript).</summary>
    public Dictionary<string, string> LookupStatus { get; } = [];

    /// <summary>Errors of the answers by answer key ("dog_name", "address.postal_code").</summary>
    public Dictionary<string, string> AnswerErrors() =>
        ModelState.Where(e => e.Key.StartsWith("Answers[", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => e.Key["Answers[".Length..^1], e => e.Value!.Errors[0].ErrorMessage);

    public string BackHref => Step!.PreviousPage is { } previous
        ? $"/my/drafts/{Step.DraftId}/steps/{previous}" + (Change ? "?change=true" : "")
        : Change ? $"/my/drafts/{Step.DraftId}" : $"/procedures/{Step.ProcedureCode}/apply";

    public async Task<IActionResult> OnGetAsync(Guid id, string pageKey, CancellationToken ct)
    {
        if (await LoadAsync(id, pageKey, ct) is { } outside)
        {
            return outside;
        }

        Answers = Step!.Answers.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        WardId = Step.WardId;
        Proxy.Filer = Step.IsProxy ? "proxy" : "self";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string pageKey, CancellationToken ct)
    {
        if (await LoadAsync(id, pageKey, ct) is { } outside)
        {
            return outside;
        }

        CollectAnswers();
        var files = Request.HasFormContentType
            ? Request.Form.Files.Where(f => f.Name.StartsWith("Files.", StringComparison.Ordinal))
                .Select(f => new UploadedFile(f.Name["Files.".Length..], f.FileName, f.Length, f.OpenReadStream)).ToList()
            : [];
        try
        {
            var saved = await mediator.Send(new AnswerStep.Command(id, pageKey, Answers, files, RemoveFiles, WardId, Proxy.Filer == "proxy", Change), ct);
            if (saved is null)
            {
                return NotFound();
            }

            return Redirect(saved.NextPage is { } next ? $"/my/drafts/{id}/steps/{next}" + (Change ? "?change=true" : "") : $"/my/drafts/{id}");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex);
            return Page();
        }
        catch (ConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
    }

    /// <summary>行を追加 without JavaScript: one more row of the group, everything typed kept, nothing checked or saved.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(Guid id, string pageKey, string? addRow, CancellationToken ct)
    {
        if (await LoadAsync(id, pageKey, ct) is { } outside)
        {
            return outside;
        }

        ModelState.Clear();
        CollectAnswers();
        if (Step!.Step?.Fields.FirstOrDefault(f => f.Key == addRow && f.Type == FieldType.RepeatingGroup) is { } group)
        {
            var rows = new AnswerInput(group, Answers, new Dictionary<string, string>()).RowCount();
            Answers[group.Key] = Math.Min(rows + 1, group.MaxRows ?? FormDefinition.RowLimit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    /// <summary>
    /// 住所を検索 without JavaScript: the button posts the page here; the address parts are filled
    /// from the postal code and the page comes back with everything typed so far. Nothing is saved.
    /// </summary>
    public async Task<IActionResult> OnPostLookupAsync(Guid id, string pageKey, string? lookup, CancellationToken ct)
    {
        if (await LoadAsync(id, pageKey, ct) is { } outside)
        {
            return outside;
        }

        ModelState.Clear();
        CollectAnswers();
        var field = Step!.Step?.Fields.FirstOrDefault(f => f.Key == lookup && f.Type == FieldType.PostalAddress);
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

    /// <summary>Loads the page; a result when it cannot be shown (not theirs or gone: 404; no longer in the flow: the page to go to).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, string pageKey, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Step = await mediator.Send(new AnswerStep.Query(id, pageKey), ct);
        if (Step is null)
        {
            return NotFound();
        }

        if (!Step.InFlow)
        {
            return Redirect(Step.RedirectTo is { } to ? $"/my/drafts/{id}/steps/{to}" : $"/my/drafts/{id}");
        }

        return null;
    }

    /// <summary>
    /// Reads the answers straight from the form: keys of repeating-group rows ("kids[0].name") have
    /// brackets the dictionary binder would split, and checkboxes post one value per ticked option,
    /// which the answer keeps, one per line.
    /// </summary>
    private void CollectAnswers()
    {
        if (!Request.HasFormContentType)
        {
            return;
        }

        var multiple = (Step!.Step?.Fields ?? []).Where(f => f.Type == FieldType.MultipleChoice).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        Answers = Request.Form.Keys
            .Where(k => k.StartsWith("Answers[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["Answers[".Length..^1], k => multiple.Contains(k["Answers[".Length..^1])
                ? string.Join('\n', Request.Form[k].ToArray())
                : Request.Form[k].FirstOrDefault(), StringComparer.Ordinal);
    }
}
