using CityDx.Application.Cases;
using CityDx.Domain.Cases;
using Microsoft.AspNetCore.Mvc;

namespace CityDx.Web.Pages.Cases;

/// <summary>The queue's filter as query-string fields, shared by the queue, its batch form and the CSV export.</summary>
public sealed class QueueFilterForm
{
    [FromQuery(Name = "unit")]
    public Guid? Unit { get; set; }

    [FromQuery(Name = "procedure")]
    public Guid? Procedure { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "assignee")]
    public ListQueue.AssigneeFilter? Assignee { get; set; }

    [FromQuery(Name = "due")]
    public ListQueue.DueFilter? Due { get; set; }

    [FromQuery(Name = "within")]
    public int? Within { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "channel")]
    public Channel? Channel { get; set; }

    [FromQuery(Name = "receipt")]
    public string? Receipt { get; set; }

    [FromQuery(Name = "kana")]
    public string? Kana { get; set; }

    [FromQuery(Name = "payment")]
    public PaymentFilter? Payment { get; set; }

    [FromQuery(Name = "sort")]
    public ListQueue.SortBy? Sort { get; set; }

    public ListQueue.SortBy SortOrDefault => Sort ?? ListQueue.SortBy.Due;

    public ListQueue.Filter ToFilter() =>
        new(Unit, Procedure, string.IsNullOrWhiteSpace(Status) ? null : Status, Assignee ?? ListQueue.AssigneeFilter.Anyone, Due ?? ListQueue.DueFilter.Any, Within, From, To, Channel,
            string.IsNullOrWhiteSpace(Receipt) ? null : Receipt.Trim(), string.IsNullOrWhiteSpace(Kana) ? null : Kana.Trim(),
            Payment ?? PaymentFilter.Any);

    /// <summary>The filter as a query string (for the next-page link, the export and the batch's "all matching").</summary>
    public string ToQueryString(bool withSort = true)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("unit", Unit?.ToString()), new("procedure", Procedure?.ToString()), new("status", Status),
            new("assignee", Assignee is null or ListQueue.AssigneeFilter.Anyone ? null : Assignee.ToString()),
            new("due", Due is null or ListQueue.DueFilter.Any ? null : Due.ToString()),
            new("within", Within?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("channel", Channel?.ToString()), new("receipt", Receipt), new("kana", Kana),
            new("payment", Payment is null or PaymentFilter.Any ? null : Payment.ToString()),
        };
        if (withSort && Sort is { } sort && sort != ListQueue.SortBy.Due)
        {
            pairs.Add(new("sort", sort.ToString()));
        }

        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
    }
}
