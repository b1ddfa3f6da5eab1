using CityDx.Application.Applications;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CityDx.Web.Pages.Applications;

/// <summary>
/// 申請を始める: what the filing will ask, how long answers are kept, the citizen's saved
/// applications for this procedure to continue, and the button that starts a new one.
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class StartApplicationModel(IMediator mediator) : PageModel, IRedisplays
{
    public StartApplication.StartPage? Start { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Start = await mediator.Send(new StartApplication.Query(code), ct);
        return Start is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var started = await mediator.Send(new StartApplication.Command(code), ct);
        return Redirect(started.FirstPage is { } first ? $"/my/drafts/{started.DraftId}/steps/{first}" : $"/my/drafts/{started.DraftId}");
    }

    /// <summary>A procedure that cannot be started (unknown, unpublished, not online) is not found.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => Task.FromResult<IActionResult>(NotFound());
}
