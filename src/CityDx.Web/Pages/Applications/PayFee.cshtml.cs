using CityDx.Application.Applications;
using CityDx.Application.Payments;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Applications;

/// <summary>手数料のお支払い. Card fields are never echoed back into the page, stored or logged.</summary>
public sealed class PayFeeModel(IMediator mediator) : PageModel, IRedisplays
{
    public GetMyApplication.Detail? Application { get; private set; }

    [BindProperty]
    public string? Method { get; set; }

    [BindProperty]
    public string? CardNumber { get; set; }

    [BindProperty]
    public string? CardExpiry { get; set; }

    [BindProperty]
    public string? CardCvc { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Application = await mediator.Send(new GetMyApplication.Query(id), ct);
        return Application is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var state = await mediator.Send(new PayFee.Command(id, Method ?? "", CardNumber, CardExpiry, CardCvc), ct);
        return state is null ? NotFound() : Redirect($"/my/applications/{id}");
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => OnGetAsync(refusal.Id, ct);
}
