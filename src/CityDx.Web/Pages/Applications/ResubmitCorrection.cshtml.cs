using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Web.Pages.Shared;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Applications;

/// <summary>
/// 補正: exactly the questions staff named are editable (with the answers as they stand); every
/// other answer is shown read-only. Sending it resubmits the application for review.
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class ResubmitCorrectionModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IRedisplays, IShowsNotice
{
    public GetCorrection.Detail? Detail { get; private set; }

    /// <summary>The answers of the editable questions, by answer key (read straight from the form on POST).</summary>
    public Dictionary<string, string?> Answers { get; private set; } = [];

    [BindProperty]
    public int ExpectedVersion { get; set; }

    public string? Notice { get; set; }

    /// <summary>The address lookup's message, by field key (works without JavaScript).</summary>
    public Dictionary<string, string> LookupStatus { get; } = [];

    /// <summary>Errors of the answers by answer key ("dog_name", "address.postal_code").</summary>
    public Dictionary<string, string> AnswerErrors() => AnswerForm.AnswerErrors(ModelState);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        Answers = new Dictionary<string, string?>(Detail!.Inputs, StringComparer.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        ReadAnswers();
        var files = AnswerForm.ReadFiles(Request);
        return await mediator.Send(new ResubmitCorrection.Command(id, Answers, files, ExpectedVersion), ct) is null
            ? NotFound()
            : Redirect($"/my/applications/{id}");
    }

    /// <summary>Errors: the page as loaded for the post. A conflict: the correction as it now stands (or where it went).</summary>
    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) =>
        refusal.Error is ConflictException && await LoadAsync(refusal.Id, ct) is { } gone ? gone : Page();

    /// <summary>行を追加 without JavaScript: one more row of the group, everything typed kept, nothing checked.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(Guid id, string? addRow, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        ModelState.Clear();
        ReadAnswers();
        AnswerForm.AddRow(Detail!.EditableFields, addRow, Answers);
        return Page();
    }

    /// <summary>住所を検索 without JavaScript: fills the address parts from the postal code; nothing is sent.</summary>
    public async Task<IActionResult> OnPostLookupAsync(Guid id, string? lookup, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } other)
        {
            return other;
        }

        ModelState.Clear();
        ReadAnswers();
        await AnswerForm.LookupAddressAsync(mediator, l, Detail!.EditableFields, lookup, Answers, LookupStatus, ModelState, ct);
        return Page();
    }

    /// <summary>Not theirs: 404. No correction open (already resubmitted, withdrawn): back to the application.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Detail = await mediator.Send(new GetCorrection.Query(id), ct);
        if (Detail is null)
        {
            return NotFound();
        }

        return Detail.Correction is null ? Redirect($"/my/applications/{id}") : null;
    }

    /// <summary>The answers of the editable questions, read straight from the form.</summary>
    private void ReadAnswers() => Answers = AnswerForm.ReadAnswers(Request, Detail!.EditableFields) ?? Answers;
}
