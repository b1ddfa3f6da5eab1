using CityDx.Application.Counter;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Counter;

/// <summary>
/// 受付票: the slip handed to the visitor (or posted back) after a counter filing — receipt number,
/// procedure, date, due date, what happens next and whom to ask. Printable without JavaScript; the
/// print button only appears when the script can use it.
/// </summary>
public sealed class GetCounterReceiptModel(IMediator mediator) : PageModel
{
    public GetCounterReception.Reception? Reception { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Reception = await mediator.Send(new GetCounterReception.Query(id), ct);
        return Reception is null ? NotFound() : Page();
    }
}
