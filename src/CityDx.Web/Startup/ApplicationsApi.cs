using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Infrastructure.Persistence;
using CityDx.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityDx.Web.Startup;

/// <summary>
/// POST /api/v1/applications: a signed-in citizen files a whole application in one call. The endpoint
/// sends exactly the requests the filing pages send — <see cref="StartApplication"/>, one
/// <see cref="AnswerStep"/> per page of the flow (each page validates and keeps its own answers, as in
/// the browser) and <see cref="SubmitApplication"/> (everything validated again, receipt number, due
/// date, history, outbox mail) — so it is the same code path, without the HTML; here all of them in
/// one transaction, since no person pauses between the pages.
/// Used by the benchmark (docs/performance.md) and by anything filing on a citizen's behalf from a
/// script. Cookie-authenticated JSON only: a cross-site page can neither send a JSON body without a
/// CORS preflight (none is allowed) nor the Lax sign-in cookie on a cross-site POST.
/// </summary>
public static class ApplicationsApi
{
    /// <summary>The body of POST /api/v1/applications.</summary>
    /// <param name="Procedure">The procedure's code (e.g. dog-registration).</param>
    /// <param name="WardId">The ward office applied to, for procedures routed to the applicant's ward.</param>
    /// <param name="IsProxy">代理申請: filed for someone else.</param>
    /// <param name="Answers">Answers by question key, as the form's fields post them.</param>
    public sealed record FilingBody(string Procedure, Guid? WardId, bool IsProxy, Dictionary<string, string?> Answers);

    private const int MaxPages = 50;

    public static void MapApplicationsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/applications", async Task<Results<Created<SubmitApplication.Result>, NotFound>> (FilingBody body, IMediator mediator, CityDxDbContext db, CancellationToken ct) =>
            {
                // One unit of work: the requests join one transaction, so a filing is kept whole or
                // not at all (a refused answer leaves no draft behind) and costs one commit.
                var result = await OneTransaction.RunAsync(db, async ct =>
                {
                    var started = await mediator.Send(new StartApplication.Command(body.Procedure), ct);
                    var page = started.FirstPage;
                    for (var i = 0; page is not null && i < MaxPages; i++)
                    {
                        var saved = await mediator.Send(new AnswerStep.Command(started.DraftId, page, body.Answers, WardId: body.WardId, IsProxy: body.IsProxy), ct);
                        if (saved is null)
                        {
                            return null;
                        }

                        page = saved.NextPage;
                    }

                    return await mediator.Send(new SubmitApplication.Command(started.DraftId), ct);
                }, ct);
                return result is not null ? TypedResults.Created($"/my/applications/{result.CaseId}", result) : TypedResults.NotFound();
            })
            .RequireAuthorization(Policies.Citizen)
            .RequireRateLimiting(RateLimitOptions.FilingPolicy)
            .WithTags("Applications")
            .WithName("FileApplication")
            .WithSummary("A signed-in citizen files an application: the same start, page and submit requests as the filing pages.")
            .ProducesValidationProblem();
    }
}
