using CityDx.Application.Administration;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Administration;

public sealed class ListManagedProceduresModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListManagedProcedures.Item> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await mediator.Send(new ListManagedProcedures.Query(), ct);
}
