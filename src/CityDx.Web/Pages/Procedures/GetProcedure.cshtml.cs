using CityDx.Application.Procedures;
using CityDx.Domain;
using CityDx.Domain.Japanese;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Procedures;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Startup.OutputCacheSetup.CataloguePolicy)]
public sealed class GetProcedureModel(IMediator mediator, TimeProvider clock, BusinessCalendar calendar) : PageModel
{
    public GetProcedure.ProcedureDetail? Procedure { get; private set; }
    public DateOnly DueIfFiledToday { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Procedure = await mediator.Send(new GetProcedure.Query(code), ct);
        if (Procedure is null)
        {
            return NotFound();
        }

        DueIfFiledToday = calendar.AddBusinessDays(JapanTime.DateOf(clock.GetUtcNow()), Procedure.StandardProcessingDays);
        return Page();
    }
}
