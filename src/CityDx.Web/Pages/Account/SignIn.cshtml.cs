using CityDx.Application.Account;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using CityDx.Web.Security;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using SignInUseCase = CityDx.Application.Account.SignIn;

namespace CityDx.Web.Pages.Account;

[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class SignInModel(IMediator mediator, IStringLocalizer<SharedResource> l, OidcOptions oidc, SignInManager<ApplicationUser> signIn, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The password was right but the address is unconfirmed: the page offers to resend the mail.</summary>
    public bool EmailNotConfirmed { get; private set; }

    /// <summary>The external provider's name in the page's language, or null when none is configured.</summary>
    public string? ExternalProvider => oidc.Enabled ? oidc.DisplayName(System.Globalization.CultureInfo.CurrentUICulture) : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (throttle.IsThrottled(Email ?? "", address))
        {
            // Failures only are counted, so whoever shares this address and knows their password is not refused.
            ModelState.AddModelError(nameof(Email), l["SignIn.TooManyAttempts"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Page();
        }

        var outcome = await mediator.Send(new SignInUseCase.Command(Email ?? "", Password ?? ""), ct);
        if (outcome is SignInUseCase.Outcome.Failed or SignInUseCase.Outcome.LockedOut)
        {
            throttle.RecordFailure(Email ?? "", address);
        }

        switch (outcome)
        {
            case SignInUseCase.Outcome.SignedIn:
                return LocalRedirect(Url.LocalOrHome(ReturnUrl));
            case SignInUseCase.Outcome.RequiresTwoFactor:
                return RedirectToPage("/Account/SignInWithCode", new { ReturnUrl = Url.LocalOrNull(ReturnUrl) });
            case SignInUseCase.Outcome.EmailNotConfirmed:
                EmailNotConfirmed = true;
                ModelState.AddModelError(nameof(Email), l["SignIn.EmailNotConfirmed"]);
                break;
            case SignInUseCase.Outcome.LockedOut:
                ModelState.AddModelError(nameof(Email), l["SignIn.LockedOut"]);
                break;
            default:
                // One message for a wrong email or a wrong password: no hint which accounts exist.
                ModelState.AddModelError(nameof(Email), l["SignIn.Failed"]);
                break;
        }

        return Page();
    }

    /// <summary>"…でログイン": off to the external provider, back at /account/external-sign-in.</summary>
    public IActionResult OnPostExternal()
    {
        if (!oidc.Enabled)
        {
            return NotFound();
        }

        var back = Url.Page("/Account/ExternalSignIn", new { ReturnUrl = Url.LocalOrNull(ReturnUrl) });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(oidc.Scheme, back), oidc.Scheme);
    }
}
