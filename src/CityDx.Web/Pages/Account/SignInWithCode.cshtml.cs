using CityDx.Application.Account;
using CityDx.Application.Resources;
using CityDx.Web.Security;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Account;

/// <summary>ログインの2段階目: the authenticator code, or a recovery code, after the password.</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class SignInWithCodeModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>A recovery code instead of the app's code.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Recovery { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The password step is no longer there: the page offers the way back to it.</summary>
    public bool Expired { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await mediator.Send(new SignInWithCode.Command(Code ?? "", Recovery), ct);
        switch (outcome)
        {
            case SignInWithCode.Outcome.SignedIn:
                return LocalRedirect(Url.LocalOrHome(ReturnUrl));
            case SignInWithCode.Outcome.LockedOut:
                ModelState.AddModelError(nameof(Code), l["SignIn.LockedOut"]);
                break;
            case SignInWithCode.Outcome.Expired:
                Expired = true;
                ModelState.AddModelError(nameof(Code), l["SignInCode.Expired"]);
                break;
            default:
                ModelState.AddModelError(nameof(Code), l[Recovery ? "SignInCode.RecoveryWrong" : "TwoFactor.CodeWrong"]);
                break;
        }

        return Page();
    }
}
