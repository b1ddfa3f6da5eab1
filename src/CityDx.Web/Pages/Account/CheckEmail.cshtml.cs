using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Account;

/// <summary>After registering: a confirmation mail is on its way, and what to do if it does not arrive.</summary>
public sealed class CheckEmailModel : PageModel
{
    public void OnGet()
    {
    }
}
