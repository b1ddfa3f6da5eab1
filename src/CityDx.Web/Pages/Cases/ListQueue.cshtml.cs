using CityDx.Application.Cases;
using CityDx.Domain.Cases;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Cases;

public sealed class ListQueueModel(IMediator mediator) : PageModel
{
    [FromQuery(Name = "unit")]
    public Guid? Unit { get; set; }

    [FromQuery(Name = "status")]
    public CaseStatus? Status { get; set; }

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public ListQueue.Page? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await mediator.Send(new ListQueue.Query(Unit, Status, After), ct);
            return Page();
        }
        catch (ValidationException)
        {
            // A tampered cursor or status: start from the first page rather than fail.
            return Redirect("/staff/cases");
        }
    }
}
