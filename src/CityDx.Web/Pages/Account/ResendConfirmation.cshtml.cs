using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ResendConfirmationUseCase = CityDx.Application.Account.ResendConfirmation;

namespace CityDx.Web.Pages.Account;

/// <summary>Asks for the confirmation mail again. Every valid address gets the same redirect and page.</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ResendConfirmationModel(IMediator mediator) : PageModel
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
            await mediator.Send(new ResendConfirmationUseCase.Command(Email ?? ""), ct);
            return Redirect("/account/resend-confirmation?sent=true");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex);
            Sent = false;
            return Page();
        }
    }
}
