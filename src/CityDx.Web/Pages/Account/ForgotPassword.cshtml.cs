using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ForgotPasswordUseCase = CityDx.Application.Account.ForgotPassword;

namespace CityDx.Web.Pages.Account;

/// <summary>パスワードを忘れた方: asks for a reset link. Every valid address gets the same redirect and page.</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ForgotPasswordModel(IMediator mediator) : PageModel, IRedisplays
{
    [BindProperty] public string? Email { get; set; }

    [BindProperty(SupportsGet = true)] public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new ForgotPasswordUseCase.Command(Email ?? ""), ct);
        return Redirect("/account/forgot-password?sent=true");
    }

    /// <summary>Refused (e.g. no valid address): the form again, not the "sent" message.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        Sent = false;
        return Task.FromResult<IActionResult>(Page());
    }
}
