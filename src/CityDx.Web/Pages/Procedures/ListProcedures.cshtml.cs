using CityDx.Application.Procedures;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Procedures;

public sealed class ListProceduresModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListProcedures.ProcedureSummary> Procedures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Procedures = await mediator.Send(new ListProcedures.Query(), ct);
}
