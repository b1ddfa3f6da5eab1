using CityDx.Application.Account;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CityDx.Web.Pages.Account;

/// <summary>アカウントの削除 (signed-in users only, by the folder convention).</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class DeleteAccountModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new DeleteAccount.Command(Password ?? "", Confirmed), ct);
        return Redirect("/?deleted=1");
    }
}
