using CityDx.Application.Administration;
using CityDx.Application.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration;

/// <summary>監査ログ: search the audit log (GET form, so a search is a link an admin can keep).</summary>
public sealed class SearchAuditLogModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IRedisplays
{
    [FromQuery(Name = "receipt")]
    public string? ReceiptNumber { get; set; }

    [FromQuery(Name = "actor")]
    public string? Actor { get; set; }

    [FromQuery(Name = "action")]
    public string? AuditAction { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public SearchAuditLog.Page? Result { get; private set; }

    /// <summary>The query string of this search without the cursor, for the next-page link.</summary>
    public string Filters => QueryString.Create(new Dictionary<string, string?>
    {
        ["receipt"] = ReceiptNumber,
        ["actor"] = Actor,
        ["action"] = AuditAction,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (!ModelState.IsValid)
        {
            // A date that is not yyyy-mm-dd (the date input sends that form): name the field, as the summary links to it.
            var invalid = ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToList();
            ModelState.Clear();
            foreach (var key in invalid)
            {
                ModelState.AddModelError(key == "to" ? nameof(To) : nameof(From), l["Audit.DateInvalid"]);
            }

            Result = new SearchAuditLog.Page([], null);
            return Page();
        }

        Result = await mediator.Send(new SearchAuditLog.Query(ReceiptNumber, Actor, AuditAction, From, To, After), ct);
        return Result is null ? Forbid() : Page();
    }

    /// <summary>A search that cannot be run: why, and no rows.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        Result = new SearchAuditLog.Page([], null);
        return Task.FromResult<IActionResult>(Page());
    }
}
