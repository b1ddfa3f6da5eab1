using CityDx.Application.Cases;
using CityDx.Application.Resources;
using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Cases;

/// <summary>The queue as CSV (<see cref="ExportQueue"/>): streamed to the response, never built in memory.</summary>
public sealed class ExportQueueModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IRedisplays
{
    [BindProperty(SupportsGet = true)]
    public QueueFilterForm Filter { get; set; } = new();

    [FromQuery(Name = "columns")]
    public List<string> Columns { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var export = await mediator.Send(new ExportQueue.Query(Filter.ToFilter(), Columns), ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"cases-{DateTimeOffset.UtcNow:yyyyMMdd-HHmm}.csv\"";
        Response.Headers.CacheControl = "no-cache, no-store";
        await ExportQueue.WriteCsvAsync(export, Response.Body, l, ct);
        return new EmptyResult();
    }

    /// <summary>Refused (e.g. personal columns without the role): a file download has no page to show errors on, so a 400 says why.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        var problem = refusal.Error is ValidationException validation ? ApiExceptionHandler.ProblemOf(validation) : new ValidationProblemDetails();
        problem.Title = l["Export.Refused"];
        return Task.FromResult<IActionResult>(BadRequest(problem));
    }
}
