namespace CityDx.Web.Security;

/// <summary>
/// Refuses (400) any request whose query string or form carries a NUL character. No text in this
/// portal can contain one, PostgreSQL cannot store one, and it is a classic way to cut a value short
/// in one layer and not another; refusing it at the door keeps it out of every handler at once.
/// Other control characters are the answers' normalisation's job (they are stripped or refused there).
/// </summary>
public static class NulCharacterGuard
{
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            // The error page re-executed for this very refusal: let it speak.
            await next(context);
            return;
        }

        var request = context.Request;
        var hostile = request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
        if (!hostile && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            hostile = form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                || form.Files.Any(f => f.FileName.Contains('\0', StringComparison.Ordinal));
        }

        if (hostile)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    });
}
