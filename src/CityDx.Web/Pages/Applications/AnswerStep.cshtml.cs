using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Web.Pages.Shared;
using CityDx.Web.Startup;
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
    public Dictionary<string, string> AnswerErrors() => AnswerForm.AnswerErrors(ModelState);

    /// <summary>The questions this page asks (none of the form's on the applicant page).</summary>
    private IReadOnlyList<FormField> PageFields => Step!.Step?.Fields ?? [];

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

        Answers = AnswerForm.ReadAnswers(Request, PageFields) ?? Answers;
        var files = AnswerForm.ReadFiles(Request);
        var saved = await mediator.Send(new AnswerStep.Command(id, pageKey, Answers, files, RemoveFiles, WardId, Proxy.Filer == "proxy", Change), ct);
        if (saved is null)
        {
            return NotFound();
        }

        return Redirect(saved.NextPage is { } next ? $"/my/drafts/{id}/steps/{next}" + (Change ? "?change=true" : "") : $"/my/drafts/{id}");
    }

    /// <summary>行を追加 without JavaScript: one more row of the group, everything typed kept, nothing checked or saved.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(Guid id, string pageKey, string? addRow, CancellationToken ct)
    {
        if (await LoadAsync(id, pageKey, ct) is { } outside)
        {
            return outside;
        }

        ModelState.Clear();
        Answers = AnswerForm.ReadAnswers(Request, PageFields) ?? Answers;
        AnswerForm.AddRow(PageFields, addRow, Answers);
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
        Answers = AnswerForm.ReadAnswers(Request, PageFields) ?? Answers;
        await AnswerForm.LookupAddressAsync(mediator, l, PageFields, lookup, Answers, LookupStatus, ModelState, ct);
        return Page();
    }

    /// <summary>Loads the page; a result when it cannot be shown (not theirs or gone: 404; no longer in the flow: the page to go to).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, string pageKey, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
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
}
