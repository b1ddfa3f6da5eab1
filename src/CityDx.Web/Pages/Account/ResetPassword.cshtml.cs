using CityDx.Application.Resources;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using ResetPasswordUseCase = CityDx.Application.Account.ResetPassword;

namespace CityDx.Web.Pages.Account;

/// <summary>The link from the reset mail: a new password twice. The code stays in a hidden field, never in a log.</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ResetPasswordModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public bool InvalidLink { get; private set; }

    public void OnGet() => InvalidLink = string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Code);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await mediator.Send(new ResetPasswordUseCase.Command(UserId ?? "", Code ?? "", Password ?? "", ConfirmPassword ?? ""), ct);
        if (outcome == ResetPasswordUseCase.Outcome.Reset)
        {
            return Redirect("/account/reset-password/done");
        }

        InvalidLink = true;
        ModelState.AddModelError("", l["ResetPassword.InvalidLink"]);
        return Page();
    }
}
