using CityDx.Application.Applications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Applications;

/// <summary>申請を受け付けました: the reference number, what happens next and the due date.</summary>
public sealed class ReceivedModel(IMediator mediator) : PageModel
{
    public GetMyApplication.Detail? Application { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Application = await mediator.Send(new GetMyApplication.Query(id), ct);
        return Application is null ? NotFound() : Page();
    }
}
