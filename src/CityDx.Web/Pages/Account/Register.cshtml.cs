using CityDx.Application.Account;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CityDx.Web.Pages.Account;

[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class RegisterModel(IMediator mediator) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public string? ValueOf(string name) => name switch
    {
        nameof(Email) => Email,
        nameof(DisplayName) => DisplayName,
        _ => null,
    };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new Register.Command(Email ?? "", DisplayName ?? "", Password ?? "", ConfirmPassword ?? "", Display.Lang), ct);
        return Redirect("/account/check-email");
    }
}
