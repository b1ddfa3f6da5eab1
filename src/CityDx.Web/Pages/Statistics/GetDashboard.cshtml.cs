using CityDx.Application.Statistics;
using CityDx.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Statistics;

/// <summary>ダッシュボード (<see cref="GetDashboard"/>): period and filters in the query string; each table also as CSV (handler Csv).</summary>
public sealed class GetDashboardModel(IMediator mediator) : PageModel, INamesErrors, IRedisplays
{
    /// <summary>First month, yyyy-MM (a full date is read as its month).</summary>
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>Last month, yyyy-MM.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; set; }

    [FromQuery(Name = "procedure")]
    public Guid? Procedure { get; set; }

    [FromQuery(Name = "unit")]
    public Guid? Unit { get; set; }

    [FromQuery(Name = "channel")]
    public Channel? Channel { get; set; }

    public GetDashboard.Dashboard? Result { get; private set; }

    private GetDashboard.Query Query => new(Month(From), Month(To), Procedure, Unit, Channel);

    /// <summary>yyyy-MM or yyyy-MM-dd as the first of its month; anything else is ignored (the default period).</summary>
    private static DateOnly? Month(string? text) =>
        GetOpenStatistics.TryParseMonth(text, out var month) ? month
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day
        : null;

    /// <summary>The filter as a query string (for the CSV links).</summary>
    public string FilterQuery(string table) =>
        Microsoft.AspNetCore.Http.QueryString.Create(new List<KeyValuePair<string, string?>>
        {
            new("handler", "Csv"), new("table", table),
            new("from", Result?.From.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", Result?.To.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
            new("procedure", Procedure?.ToString()), new("unit", Unit?.ToString()), new("channel", Channel?.ToString()),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        return Show(await mediator.Send(Query, ct));
    }

    /// <summary>The query's properties → the filter's inputs (so the error summary links to them).</summary>
    public string InputFor(string property, string? handler) => property switch
    {
        nameof(GetDashboard.Query.From) => "from",
        nameof(GetDashboard.Query.To) => "to",
        nameof(GetDashboard.Query.Channel) => "channel",
        _ => property,
    };

    /// <summary>A bad filter: the page says why and shows the default period; a bad CSV link is a bad request.</summary>
    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) =>
        refusal.Handler == "Csv" ? BadRequest() : Show(await mediator.Send(new GetDashboard.Query(), ct));

    private PageResult Show(GetDashboard.Dashboard result)
    {
        Result = result;
        Response.Headers.CacheControl = "no-cache, no-store";
        return Page();
    }

    /// <summary>One table as CSV: the same request, so exactly the numbers the page shows.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table, CancellationToken ct)
    {
        var result = await mediator.Send(Query, ct);
        if (result.Tables.FirstOrDefault(t => t.Key == table) is not { } found)
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"citydx-{found.Key}-{result.From:yyyyMM}-{result.To:yyyyMM}.csv\"";
        Response.Headers.CacheControl = "no-cache, no-store";
        await found.WriteCsvAsync(Response.Body, ct);
        return new EmptyResult();
    }
}
