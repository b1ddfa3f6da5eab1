using CityDx.Application.Account;
using SignInUseCase = CityDx.Application.Account.SignIn;
using CityDx.Application.Resources;
using CityDx.Web.Startup;
using Mediator;
using CityDx.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Account;

[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class SignInModel(IMediator mediator, IStringLocalizer<SharedResource> l, OidcOptions oidc, SignInManager<ApplicationUser> signIn) : PageModel
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
        var outcome = await mediator.Send(new SignInUseCase.Command(Email ?? "", Password ?? ""), ct);
        switch (outcome)
        {
            case SignInUseCase.Outcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInUseCase.Outcome.RequiresTwoFactor:
                return RedirectToPage("/Account/SignInWithCode", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
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

        var back = Url.Page("/Account/ExternalSignIn", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(oidc.Scheme, back), oidc.Scheme);
    }
}
