using CityDx.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Account;

/// <summary>ログアウト: POST only (with the antiforgery token), so a link elsewhere cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
