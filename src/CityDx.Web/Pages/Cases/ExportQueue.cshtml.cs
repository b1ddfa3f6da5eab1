using CityDx.Application.Cases;
using CityDx.Application.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Cases;

/// <summary>The queue as CSV (<see cref="ExportQueue"/>): streamed to the response, never built in memory.</summary>
public sealed class ExportQueueModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public QueueFilterForm Filter { get; set; } = new();

    [FromQuery(Name = "columns")]
    public List<string> Columns { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ExportQueue.Export export;
        try
        {
            export = await mediator.Send(new ExportQueue.Query(Filter.ToFilter(), Columns), ct);
        }
        catch (ValidationException ex)
        {
            // Back to the queue, which shows why (e.g. personal columns without the role).
            return BadRequest(new ValidationProblemDetails(ex.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            {
                Title = l["Export.Refused"],
            });
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"cases-{DateTimeOffset.UtcNow:yyyyMMdd-HHmm}.csv\"";
        Response.Headers.CacheControl = "no-cache, no-store";
        await ExportQueue.WriteCsvAsync(export, Response.Body, l, ct);
        return new EmptyResult();
    }
}
