using CityDx.Application.Account;
using CityDx.Application.Resources;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Account;

/// <summary>アカウント設定: change the password, change the email address (confirmed by mail to the new one).</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class SettingsModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, INamesErrors
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    [BindProperty] public string? NewEmail { get; set; }
    [BindProperty] public string? EmailPassword { get; set; }

    public string? Notice { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        await mediator.Send(new ChangePassword.Command(CurrentPassword ?? "", NewPassword ?? "", ConfirmPassword ?? ""), ct);
        Notice = l["Settings.PasswordChanged"];
        return Page();
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken ct)
    {
        await mediator.Send(new ChangeEmail.Command(NewEmail ?? "", EmailPassword ?? ""), ct);
        Notice = l["Settings.EmailSent"];
        return Page();
    }

    /// <summary>The password input of the email form is named differently from the password form's.</summary>
    public string InputFor(string property, string? handler) =>
        handler == "Email" && property == nameof(CurrentPassword) ? nameof(EmailPassword) : property;
}
