using CityDx.Application.Applications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Applications;

public sealed class GetMyApplicationModel(IMediator mediator) : PageModel
{
    public GetMyApplication.Detail? Application { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Application = await mediator.Send(new GetMyApplication.Query(id), ct);
        return Application is null ? NotFound() : Page();
    }
}
