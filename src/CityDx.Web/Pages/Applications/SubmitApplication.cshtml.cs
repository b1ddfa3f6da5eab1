using CityDx.Application.Applications;
using CityDx.Application.Procedures;
using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CityDx.Web.Pages.Applications;

/// <summary>
/// 申請する. The form carries a submission key made when the form is first shown, so a double
/// click, a refresh or a retried POST finds the application already made instead of a second one.
/// </summary>
[EnableRateLimiting(RateLimitOptions.FilingPolicy)]
public sealed class SubmitApplicationModel(IMediator mediator) : PageModel
{
    public GetProcedure.ProcedureDetail? Procedure { get; private set; }

    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty]
    public Guid? WardId { get; set; }

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Procedure = await mediator.Send(new GetProcedure.Query(code), ct);
        if (Procedure is null)
        {
            return NotFound();
        }

        SubmissionKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        Procedure = await mediator.Send(new GetProcedure.Query(code), ct);
        if (Procedure is null)
        {
            return NotFound();
        }

        try
        {
            var result = await mediator.Send(new SubmitApplication.Command(code, WardId, Answers, SubmissionKey), ct);
            return Redirect($"/my/applications/{result.CaseId}/received");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex);
            return Page();
        }
    }
}
