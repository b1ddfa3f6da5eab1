using System.Globalization;
using System.Security.Claims;
using CityDx.Application.Common;

namespace CityDx.Web.Security;

/// <summary>The signed-in user of the current HTTP request.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? UserId => Principal?.Identity?.IsAuthenticated == true ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public bool PrefersEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
