using CityDx.Application.Procedures;
using Mediator;

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
        procedures.MapGet("/", async (string? category, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListProcedures.Query(category), ct)))
            .WithName("ListProcedures")
            .WithSummary("Published procedures (手続き), optionally of one category.");
        procedures.MapGet("/{code}", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<GetProcedure.ProcedureDetail>, Microsoft.AspNetCore.Http.HttpResults.NotFound>> (string code, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetProcedure.Query(code), ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound())
            .WithName("GetProcedure")
            .WithSummary("One published procedure with its current form definition.");
    }
}
