using CityDx.Application.Calendar;
using CityDx.Application.PostalCodes;
using CityDx.Application.Procedures;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityDx.Web.Startup;

/// <summary>
/// The REST API (/api/v1). Endpoints send the same requests as the pages, so one handler serves both.
/// </summary>
public static class ApiEndpoints
{
    public static void MapCityDxApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization();

        var procedures = api.MapGroup("/procedures").WithTags("Procedures").AllowAnonymous();
        procedures.MapGet("/", async (string? category, string? lifeEvent, string? search, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListProcedures.Query(category, lifeEvent, search), ct)))
            .WithName("ListProcedures")
            .WithSummary("Published procedures (手続き), optionally of one category or life event, or matching search words (width and kana folded).")
            .ProducesValidationProblem();
        procedures.MapGet("/{code}", async Task<Results<Ok<GetProcedure.ProcedureDetail>, NotFound>> (string code, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetProcedure.Query(code), ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound())
            .WithName("GetProcedure")
            .WithSummary("One published procedure with its current form definition.");

        var calendar = api.MapGroup("/calendar").WithTags("Calendar").AllowAnonymous();
        calendar.MapGet("/holidays", async (int year, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListHolidays.Query(year), ct)))
            .WithName("ListHolidays")
            .WithSummary("The days the city is closed in a year (1955–2099): national holidays, 振替休日, 国民の休日 and the city's own closed days, sorted by date.")
            .ProducesValidationProblem();

        var postal = api.MapGroup("/postal-codes").WithTags("Postal codes").AllowAnonymous();
        postal.MapGet("/{code}", async Task<Results<Ok<LookupPostalCode.Result>, NotFound>> (string code, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new LookupPostalCode.Query(code), ct) is { Addresses.Count: > 0 } result ? TypedResults.Ok(result) : TypedResults.NotFound())
            .WithName("LookupPostalCode")
            .WithSummary("Addresses (都道府県, 市区町村, 町域) of a postal code given as 1234567 or 123-4567.")
            .ProducesValidationProblem();
    }
}
