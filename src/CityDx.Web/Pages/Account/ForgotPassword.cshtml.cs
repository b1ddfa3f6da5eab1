using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ForgotPasswordUseCase = CityDx.Application.Account.ForgotPassword;

namespace CityDx.Web.Pages.Account;

/// <summary>パスワードを忘れた方: asks for a reset link. Every valid address gets the same redirect and page.</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ForgotPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty] public string? Email { get; set; }

    [BindProperty(SupportsGet = true)] public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await mediator.Send(new ForgotPasswordUseCase.Command(Email ?? ""), ct);
            return Redirect("/account/forgot-password?sent=true");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex);
            Sent = false;
            return Page();
        }
    }
}
