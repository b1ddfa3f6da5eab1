using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CityDx.Web.Security;

/// <summary>
/// A request that names a handler the page does not have (<c>?handler=nope</c>) would run the page's
/// unnamed handler (Razor Pages' fallback) or none at all; a POST to a page that only reads
/// (<c>OnGet</c>) would render the page without running any handler: its model is empty and the view
/// fails with a 500. Such requests are answered 404 (unknown handler) or 405 with <c>Allow</c> (the
/// page has no handler for the method) before the page runs. A page without handlers still renders on GET.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null or { Name: null } && Refusal(context) is { } refusal)
        {
            context.Result = refusal;
            return;
        }

        await next();
    }

    private static IActionResult? Refusal(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        var named = context.RouteData.Values.TryGetValue("handler", out var route) && route is string { Length: > 0 }
            || !string.IsNullOrEmpty(request.Query["handler"]);
        if (named)
        {
            // Razor Pages falls back to the unnamed handler for a name it does not know: refuse that too.
            return new NotFoundResult();
        }

        if (context.HandlerMethod is not null || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        var handlers = context.ActionDescriptor.HandlerMethods;
        if (handlers.Any(h => string.Equals(h.HttpMethod, request.Method, StringComparison.OrdinalIgnoreCase)))
        {
            return new NotFoundResult();
        }

        var allowed = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Append("HEAD").Distinct();
        context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }
}
