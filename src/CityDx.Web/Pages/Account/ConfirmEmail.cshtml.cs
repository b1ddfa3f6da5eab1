using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ConfirmEmailUseCase = CityDx.Application.Account.ConfirmEmail;

namespace CityDx.Web.Pages.Account;

/// <summary>The link from the registration mail. Opening it confirms the address (as Identity's own UI does).</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ConfirmEmailModel(IMediator mediator) : PageModel, IRedisplays
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Confirmed = await mediator.Send(new ConfirmEmailUseCase.Command(UserId ?? "", Code ?? ""), ct);
    }

    /// <summary>A link that is malformed is not confirmed either: the same page, without a form's errors.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        ModelState.Clear();
        Confirmed = false;
        return Task.FromResult<IActionResult>(Page());
    }
}
