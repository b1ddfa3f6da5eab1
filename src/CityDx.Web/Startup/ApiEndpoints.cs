using CityDx.Application.Calendar;
using CityDx.Application.Cases;
using CityDx.Application.PostalCodes;
using CityDx.Application.Procedures;
using CityDx.Domain.Cases;
using CityDx.Web.Security;
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

        MapCases(api);
        api.MapApplicationsApi();
        api.MapPaymentsApi();
        api.MapStatistics();
    }

    /// <summary>The body of POST /api/v1/cases/{id}/actions.</summary>
    /// <param name="Action">StartReview, Approve or Reject.</param>
    /// <param name="Comment">What the applicant is told (required to reject).</param>
    /// <param name="ExpectedVersion">The case's version the client last read: another change in between is a 409.</param>
    /// <summary>An action code of the procedure's workflow (e.g. StartReview, SubmitForApproval, Complete), a comment, and the version read.</summary>
    public sealed record CaseActionBody(string Action, string? Comment, int ExpectedVersion);

    /// <summary>
    /// For core systems: registered integration clients (bearer credential, ADR 0011) list, read and
    /// act on the cases of their units, with the same use cases as the staff pages. Another unit's
    /// case is a 404; every call is in the audit log with the client as actor; rate-limited per client.
    /// </summary>
    private static void MapCases(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases").RequireRateLimiting(Startup.RateLimitOptions.ApiClientPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        cases.MapGet("/", async ([AsParameters] CityDx.Web.Pages.Cases.QueueFilterForm filter, string? after, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListQueue.Query(filter.ToFilter(), filter.SortOrDefault, after), ct)))
            .RequireAuthorization(Policies.ApiCasesRead)
            .WithName("ListCases")
            .WithSummary("The client's units' cases with the queue's filters (unit, procedure, status, assignee, due, within, from, to, channel, receipt, kana) and sort (Due or Filed), a page at a time: pass nextCursor as after for the next page.")
            .ProducesValidationProblem();
        cases.MapGet("/{id:guid}", async Task<Results<Ok<GetCase.Detail>, NotFound>> (Guid id, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetCase.Query(id), ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound())
            .RequireAuthorization(Policies.ApiCasesRead)
            .WithName("GetCase")
            .WithSummary("One case with its answers (against the pinned form version), attachments, history and fee. 404 for another unit's case.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/{id:guid}/actions", async Task<Results<Ok<TakeAction.Result>, NotFound>> (Guid id, CaseActionBody body, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new TakeAction.Command(id, body.Action, body.Comment, body.ExpectedVersion), ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound())
            .RequireAuthorization(Policies.ApiCasesTransition)
            .WithName("TakeCaseAction")
            .WithSummary("Takes an action of the procedure's workflow on a case, as a member of staff (never as an approver). 400 for an action not allowed now, 404 for another unit's case, 409 when the case changed since expectedVersion.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
