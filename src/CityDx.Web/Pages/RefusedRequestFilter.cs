using CityDx.Application.Common;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages;

/// <summary>A request a page sent that was refused: which handler sent it (null: OnGet/OnPost), why, and the handler's arguments.</summary>
public sealed record Refusal(string? Handler, Exception Error, IDictionary<string, object?> Arguments)
{
    /// <summary>The handler's <c>id</c> route value (most pages are about one case, draft or application).</summary>
    public Guid Id => Arguments.TryGetValue("id", out var id) && id is Guid guid ? guid : Guid.Empty;

    /// <summary>The handler's <c>code</c> route value (the administration pages are about one procedure).</summary>
    public string Code => Arguments.TryGetValue("code", out var code) && code is string text ? text : "";
}

/// <summary>A page whose inputs are named differently from the request's properties (per handler; "" is the page-level message).</summary>
public interface INamesErrors
{
    string InputFor(string property, string? handler);
}

/// <summary>
/// A page that needs more than its bound inputs to show itself again once a request was refused —
/// its GET-side data, reloaded — or answers otherwise (404, 400). Without it the page is shown again as it is.
/// </summary>
public interface IRedisplays
{
    Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct);
}

/// <summary>A page that tells of a conflict in a notice above the fresh state rather than as an error of the form.</summary>
public interface IShowsNotice
{
    string? Notice { set; }
}

/// <summary>
/// How a refused request reaches a page (ADR 0005), in one place for every page: the handler sends
/// its request and handles only success; when the pipeline or the handler throws
/// <see cref="ValidationException"/>, the failures go onto the ModelState under the page's input
/// names in the order of the form (the error summary and the "エラー:" title follow from it), and a
/// <see cref="ConflictException"/> becomes the page's notice (<see cref="IShowsNotice"/>) or a
/// page-level error. Then the same page is rendered again with what was typed — never a redirect —
/// after <see cref="IRedisplays"/> has reloaded what it shows. The API maps the same exceptions to
/// ProblemDetails in <see cref="Startup.ApiExceptionHandler"/>.
/// </summary>
public sealed class RefusedRequestFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || executed.HandlerInstance is not PageModel page
            || executed.Exception is not (ValidationException or ConflictException))
        {
            return;
        }

        var handler = executed.HandlerMethod?.Name;
        string InputFor(string property) => page is INamesErrors names ? names.InputFor(property, handler) : property;
        switch (executed.Exception)
        {
            case ValidationException validation:
                page.AddValidationErrors(validation, InputFor);
                break;
            case ConflictException conflict when page is IShowsNotice notice:
                // Someone else acted first: the page shows their result with a notice, and keeps what this person typed.
                page.ModelState.Clear();
                notice.Notice = conflict.Message;
                break;
            case ConflictException conflict:
                page.ModelState.AddModelError(InputFor(string.Empty), conflict.Message);
                break;
        }

        executed.ExceptionHandled = true;
        executed.Result = page is IRedisplays redisplays
            ? await redisplays.RedisplayAsync(new Refusal(handler, executed.Exception, context.HandlerArguments), context.HttpContext.RequestAborted)
            : page.Page();
    }
}
