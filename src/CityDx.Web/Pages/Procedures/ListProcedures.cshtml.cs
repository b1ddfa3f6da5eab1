using CityDx.Application.Procedures;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Procedures;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Startup.OutputCacheSetup.CataloguePolicy)]
public sealed class ListProceduresModel(IMediator mediator) : PageModel, IRedisplays
{
    public static readonly string[] CategoryCodes = ["registration", "tax-insurance", "childcare", "education", "welfare", "health", "environment", "roads", "facilities", "bereavement"];
    public static readonly string[] LifeEventCodes = ["moving", "birth-childcare", "bereavement", "housing-waste", "welfare", "tax-insurance"];

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "category")]
    public string? Category { get; set; }

    [FromQuery(Name = "event")]
    public string? Event { get; set; }

    public IReadOnlyList<ListProcedures.ProcedureSummary> Procedures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Unknown facet values are ignored rather than shown as an error.
        Category = CategoryCodes.Contains(Category) ? Category : null;
        Event = LifeEventCodes.Contains(Event) ? Event : null;
        Q = Q?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, ListProcedures.MaxQueryLength)] : null;
        Procedures = await mediator.Send(new ListProcedures.Query(Category, Event, Q), ct);
    }

    /// <summary>A search that cannot be run finds nothing; it is not an error of a form.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        ModelState.Clear();
        Procedures = [];
        return Task.FromResult<IActionResult>(Page());
    }
}
