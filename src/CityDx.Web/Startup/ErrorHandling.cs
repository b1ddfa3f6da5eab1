using CityDx.Application.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CityDx.Web.Startup;

/// <summary>
/// Turns what escapes an API endpoint into ProblemDetails: validation → 400 with field errors,
/// conflict → 409, anything else → 500 with no detail (the log has it, under the correlation id).
/// Page requests fall through to the friendly /error page, which never shows a stack trace or SQL.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request path is already the error page's; the original is on the feature.
        var originalPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ProblemDetails problem = exception switch
        {
            ValidationException v => ProblemOf(v),
            ConflictException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = c.Message },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode },
            _ when exception.IsDatabaseUnavailable() => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError },
        };
        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "30";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>400 with the messages by field: how a validation failure is told to a program (the API, the CSV export).</summary>
    public static ValidationProblemDetails ProblemOf(ValidationException validation) =>
        new(validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
        };
}
