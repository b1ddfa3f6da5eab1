using CityDx.Application.Statistics;
using CityDx.Infrastructure.Configuration;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityDx.Web.Startup;

/// <summary>The dashboard's options (the roll-up job is in BackgroundSetup) and the open statistics API (/api/v1/statistics).</summary>
public static class StatisticsSetup
{
    public static IServiceCollection AddCityDxStatistics(this IServiceCollection services) =>
        services.AddSettings<StatisticsOptions>(StatisticsOptions.Section);

    /// <summary>
    /// Open statistics for anyone: the published datasets, and applications by procedure × unit × month ×
    /// channel with small cells suppressed, as JSON or CSV (format=csv).
    /// </summary>
    public static void MapStatistics(this RouteGroupBuilder api)
    {
        var statistics = api.MapGroup("/statistics").WithTags("Open statistics").AllowAnonymous();
        statistics.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetOpenStatistics.ListDatasets(), ct)))
            .WithName("ListStatistics")
            .WithSummary("The published datasets (オープンデータ): what each holds, its months, the suppression threshold and where to get it.");
        statistics.MapGet("/applications", async Task<Results<Ok<GetOpenStatistics.Result>, EmptyHttpResult>> (string? from, string? to, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new GetOpenStatistics.Query(from, to), ct);
                if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
                {
                    return TypedResults.Ok(result);
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"citydx-applications-{result.From}-{result.To}.csv\"";
                await GetOpenStatistics.WriteCsvAsync(result, http.Response.Body, ct);
                return TypedResults.Empty;
            })
            .WithName("GetApplicationStatistics")
            .WithSummary("Applications filed by procedure × organisation unit × month (completed months, JST) × channel, with unit and channel totals. Counts from 1 to threshold − 1, and any count derivable from them by subtraction, are null with suppressed = true. from/to as yyyy-MM; format=csv for CSV (UTF-8 with BOM).")
            .Produces<GetOpenStatistics.Result>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem();
    }
}
