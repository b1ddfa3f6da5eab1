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

/// <summary>
/// Back from the external provider: signed in, on to the second factor, or (the first time,
/// without an address the provider vouches for) asked for an email address to confirm.
/// </summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ExternalSignInModel(IMediator mediator, IStringLocalizer<SharedResource> l, OidcOptions oidc) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set by the provider handler when the provider refused or its answer failed the checks.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Failed { get; set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }

    public ExternalSignIn.Outcome Outcome { get; private set; } = ExternalSignIn.Outcome.Failed;

    public string Provider => oidc.DisplayName(System.Globalization.CultureInfo.CurrentUICulture);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Failed)
        {
            Message = l["ExternalSignIn.Failed"];
            return Page();
        }

        var result = await mediator.Send(new ExternalSignIn.Command(), ct);
        Outcome = result.Outcome;
        switch (result.Outcome)
        {
            case ExternalSignIn.Outcome.SignedIn:
                return LocalRedirect(Url.LocalOrHome(ReturnUrl));
            case ExternalSignIn.Outcome.RequiresTwoFactor:
                return RedirectToPage("/Account/SignInWithCode", new { ReturnUrl = Url.LocalOrNull(ReturnUrl) });
            case ExternalSignIn.Outcome.NeedsEmail:
                Email = result.Email;
                DisplayName = result.DisplayName;
                break;
            case ExternalSignIn.Outcome.LockedOut:
                Message = l["SignIn.LockedOut"];
                break;
            case ExternalSignIn.Outcome.EmailNotConfirmed:
                Message = l["SignIn.EmailNotConfirmed"];
                break;
            case ExternalSignIn.Outcome.EmailTaken:
                Message = l["ExternalSignIn.EmailTaken"].Fill(("provider", Provider));
                break;
            default:
                Message = l["ExternalSignIn.Failed"];
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Outcome = ExternalSignIn.Outcome.NeedsEmail;
        var outcome = await mediator.Send(new ExternalRegister.Command(Email ?? "", DisplayName ?? ""), ct);
        if (outcome == ExternalRegister.Outcome.MailSent)
        {
            return Redirect("/account/check-email");
        }

        Outcome = ExternalSignIn.Outcome.Failed;
        Message = l["ExternalSignIn.Failed"];
        return Page();
    }
}
