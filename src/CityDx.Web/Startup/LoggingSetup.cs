using Serilog;
using Serilog.Context;

namespace CityDx.Web.Startup;

public static class LoggingSetup
{
    public const string CorrelationHeader = "X-Correlation-ID";

    /// <summary>
    /// Structured logs through Serilog, configured from the "Serilog" section. What is logged is
    /// ids, types and timings: never answers, names, addresses or email addresses.
    /// </summary>
    public static WebApplicationBuilder AddCityDxLogging(this WebApplicationBuilder builder)
    {
        // The logger belongs to this host, not to the static Log.Logger: several hosts in one process
        // (the tests) must not write into each other's sinks.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", "CityDx"), preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// Takes the caller's correlation id (when it is a sane token) or makes one, echoes it in the
    /// response and puts it on every log event of the request.
    /// </summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var incoming = context.Request.Headers[CorrelationHeader].ToString();
        var id = IsSafe(incoming) ? incoming : context.TraceIdentifier;
        context.TraceIdentifier = id;
        // Set as the response starts, so a response replayed from the output cache carries this request's id.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationHeader] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(context);
        }
    });

    public static IApplicationBuilder UseCityDxRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            // RequestPath carries no query string: queries can hold names typed into filters.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("CorrelationId", http.TraceIdentifier);
                diagnostics.Set("Endpoint", http.GetEndpoint()?.DisplayName ?? "");
            };
        });

    private static bool IsSafe(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
