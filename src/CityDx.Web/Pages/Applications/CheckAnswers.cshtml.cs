using CityDx.Application.Applications;
using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CityDx.Web.Pages.Applications;

/// <summary>
/// 確認 (check your answers) and 申請する (submit). Opening a saved application from My
/// applications comes here too: an unfinished one goes on to its first page still to complete.
/// Submitting the same application twice (double click, refresh, retry) shows the one case made.
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class CheckAnswersModel(IMediator mediator) : PageModel, IRedisplays
{
    public CheckAnswers.Summary? Summary { get; private set; }

    /// <summary>Problems found at submission, each with the page to fix it on.</summary>
    public List<(string Message, string Href)> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Summary = await mediator.Send(new CheckAnswers.Query(id), ct);
        if (Summary is null)
        {
            return NotFound();
        }

        if (Summary.SubmittedCaseId is { } caseId)
        {
            // Already submitted (e.g. the back button after submitting): show what was made.
            return Redirect($"/my/applications/{caseId}/received");
        }

        return Summary.IncompletePage is { } page ? Redirect($"/my/drafts/{id}/steps/{page}") : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new SubmitApplication.Command(id), ct);
        return result is null ? NotFound() : Redirect($"/my/applications/{result.CaseId}/received");
    }

    /// <summary>Refused at submission: the problems listed here, each linking to the page to fix it on (the answers are not on this page).</summary>
    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        Summary = await mediator.Send(new CheckAnswers.Query(refusal.Id), ct);
        if (Summary is null || refusal.Error is not ValidationException validation)
        {
            return Summary is null ? NotFound() : Page();
        }

        ModelState.Clear();
        foreach (var error in validation.Errors)
        {
            var page = Drafts.PageOf(Summary.FieldPages, error.PropertyName);
            Problems.Add((error.ErrorMessage, page is null ? "#main" : $"/my/drafts/{refusal.Id}/steps/{page}?change=true#{Display.FieldId(error.PropertyName)}"));
        }

        // The page title then starts with "エラー:" like every page with errors.
        ModelState.AddModelError(string.Empty, Problems[0].Message);
        return Page();
    }
}
