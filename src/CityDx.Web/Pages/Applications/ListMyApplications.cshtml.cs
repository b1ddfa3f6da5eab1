using CityDx.Application.Applications;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Applications;

public sealed class ListMyApplicationsModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListMyApplications.Item> Items { get; private set; } = [];

    public IReadOnlyList<ListMyApplications.DraftItem> Drafts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => (Drafts, Items) = await mediator.Send(new ListMyApplications.Query(), ct);
}
