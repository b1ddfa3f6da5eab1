using CityDx.Application.Statistics;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Statistics;

/// <summary>オープンデータ: the published datasets, for anyone (<see cref="GetOpenStatistics.ListDatasets"/>).</summary>
public sealed class ListOpenDatasetsModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<GetOpenStatistics.Dataset> Datasets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Datasets = await mediator.Send(new GetOpenStatistics.ListDatasets(), ct);
        return Page();
    }
}
