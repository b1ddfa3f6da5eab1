using CityDx.Application.Counter;
using CityDx.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CityDx.Web.Pages.Shared;

/// <summary>
/// The counter details of a case filed at a counter or by mail (窓口代行申請), for the staff case page:
/// who filed it where, how identity was checked and, without an account, the visitor's name and
/// contact. Nothing for an online filing (and no query).
/// </summary>
public sealed class CounterReceptionViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid caseId, Channel channel)
    {
        var reception = channel == Channel.Online ? null : await mediator.Send(new GetCounterReception.Query(caseId), HttpContext.RequestAborted);
        return reception is null ? Content("") : View(reception);
    }
}
