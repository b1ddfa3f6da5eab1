using CityDx.Application.Applications;
using CityDx.Application.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Applications;

public sealed class GetMyApplicationModel(IMediator mediator) : PageModel, IRedisplays, IShowsNotice
{
    public GetMyApplication.Detail? Application { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int ExpectedVersion { get; set; }

    /// <summary>A message to the office.</summary>
    [BindProperty]
    public string? Body { get; set; }

    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Application = await mediator.Send(new GetMyApplication.Query(id), ct);
        return Application is null ? NotFound() : Page();
    }

    /// <summary>A reply in the thread with the office; back to the thread afterwards.</summary>
    public async Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken ct)
    {
        return await mediator.Send(new ReplyToCase.Command(id, Body), ct) is null
            ? NotFound()
            : Redirect($"/my/applications/{id}#messages");
    }

    /// <summary>取下げ: after it, the page shows the application as withdrawn.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        return await mediator.Send(new WithdrawApplication.Command(id, Reason, ExpectedVersion), ct) is null
            ? NotFound()
            : Redirect($"/my/applications/{id}");
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => OnGetAsync(refusal.Id, ct);
}
