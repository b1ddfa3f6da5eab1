using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
