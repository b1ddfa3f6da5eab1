using CityDx.Application.Common;
using CityDx.Application.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages;

/// <summary>
/// The one error page: friendly words for 403, 404, 429 and 5xx, and the correlation id for the
/// help desk. Never a stack trace or SQL.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? CorrelationId { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        // The case store being unreachable is an outage, not a bug: 503 with "try again shortly".
        var failure = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        var code = status ?? (failure is not null && failure.IsDatabaseUnavailable() ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError);
        var key = code switch
        {
            403 => "403",
            404 => "404",
            429 => "429",
            503 => "503",
            >= 400 and < 500 => "400",
            _ => "500",
        };
        Title = l[$"Error.{key}.Title"];
        Message = l[$"Error.{key}.Message"];
        CorrelationId = HttpContext.TraceIdentifier;
        if (status is null)
        {
            Response.StatusCode = code;
            if (code == StatusCodes.Status503ServiceUnavailable)
            {
                Response.Headers.RetryAfter = "30";
            }
        }
    }
}
