using CityDx.Application.Statistics;
using CityDx.Domain.Cases;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Statistics;

/// <summary>ダッシュボード (<see cref="GetDashboard"/>): period and filters in the query string; each table also as CSV (handler Csv).</summary>
public sealed class GetDashboardModel(IMediator mediator) : PageModel
{
    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "procedure")]
    public Guid? Procedure { get; set; }

    [FromQuery(Name = "unit")]
    public Guid? Unit { get; set; }

    [FromQuery(Name = "channel")]
    public Channel? Channel { get; set; }

    public GetDashboard.Dashboard? Result { get; private set; }

    private GetDashboard.Query Query => new(From, To, Procedure, Unit, Channel);

    /// <summary>The filter as a query string (for the CSV links).</summary>
    public string FilterQuery(string table) =>
        Microsoft.AspNetCore.Http.QueryString.Create(new List<KeyValuePair<string, string?>>
        {
            new("handler", "Csv"), new("table", table),
            new("from", Result?.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", Result?.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("procedure", Procedure?.ToString()), new("unit", Unit?.ToString()), new("channel", Channel?.ToString()),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await mediator.Send(Query, ct);
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex, new Dictionary<string, string> { ["From"] = "from", ["To"] = "to", ["Channel"] = "channel" });
            Result = await mediator.Send(new GetDashboard.Query(), ct);
        }

        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>One table as CSV: the same request, so exactly the numbers the page shows.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table, CancellationToken ct)
    {
        GetDashboard.Dashboard result;
        try
        {
            result = await mediator.Send(Query, ct);
        }
        catch (ValidationException)
        {
            return BadRequest();
        }

        if (result.Tables.FirstOrDefault(t => t.Key == table) is not { } found)
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"citydx-{found.Key}-{result.From:yyyyMMdd}-{result.To:yyyyMMdd}.csv\"";
        Response.Headers.CacheControl = "no-store";
        await found.WriteCsvAsync(Response.Body, ct);
        return new EmptyResult();
    }
}
