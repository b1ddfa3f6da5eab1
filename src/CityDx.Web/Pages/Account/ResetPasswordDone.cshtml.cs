using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Account;

/// <summary>After a password reset: the way back to sign-in.</summary>
public sealed class ResetPasswordDoneModel : PageModel
{
    public void OnGet()
    {
    }
}
