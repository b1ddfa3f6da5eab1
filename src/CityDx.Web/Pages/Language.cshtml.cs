using CityDx.Web.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages;

/// <summary>Switches between 日本語 and English: remembers the choice in a cookie and goes back.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        var chosen = culture == "en" ? "en" : "ja";
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        return LocalRedirect(Url.LocalOrNull(returnUrl) is { } back ? StripCulture(back) : "/");
    }

    /// <summary>A ?culture= left in the return address would override the cookie just set.</summary>
    private static string StripCulture(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }

        var kept = url[(q + 1)..].Split('&').Where(p => !p.StartsWith("culture=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("ui-culture=", StringComparison.OrdinalIgnoreCase));
        var query = string.Join('&', kept);
        return query.Length == 0 ? url[..q] : url[..q] + "?" + query;
    }
}
