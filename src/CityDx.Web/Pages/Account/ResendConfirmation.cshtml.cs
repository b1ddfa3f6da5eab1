using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ResendConfirmationUseCase = CityDx.Application.Account.ResendConfirmation;

namespace CityDx.Web.Pages.Account;

/// <summary>Asks for the confirmation mail again. Every valid address gets the same redirect and page.</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ResendConfirmationModel(IMediator mediator) : PageModel, IRedisplays
{
    [BindProperty] public string? Email { get; set; }

    [BindProperty(SupportsGet = true)] public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new ResendConfirmationUseCase.Command(Email ?? ""), ct);
        return Redirect("/account/resend-confirmation?sent=true");
    }

    /// <summary>Refused (e.g. no valid address): the form again, not the "sent" message.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        Sent = false;
        return Task.FromResult<IActionResult>(Page());
    }
}
