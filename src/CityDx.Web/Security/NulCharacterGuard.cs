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
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                // A form over the size limits (FormOptions, Kestrel's MaxRequestBodySize) or malformed: 413/400, never 500.
                // The error page cannot be re-executed for it (it would read the same form), so the answer is written here.
                context.Response.StatusCode = ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                    ? StatusCodes.Status413PayloadTooLarge
                    : StatusCodes.Status400BadRequest;
                if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }

                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("送信された内容が大きすぎるか、形式が正しくありません。戻って、もう一度お試しください。\nThe form sent was too large or malformed. Go back and try again.", context.RequestAborted);
                return;
            }

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
