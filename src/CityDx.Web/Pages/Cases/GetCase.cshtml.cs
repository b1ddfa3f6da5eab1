using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Domain.Cases;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Cases;

/// <summary>案件詳細, and the decision form that sends <see cref="DecideCase.Command"/>.</summary>
public sealed class GetCaseModel(IMediator mediator) : PageModel
{
    public GetCase.Detail? Case { get; private set; }

    [BindProperty]
    public CaseAction? Action { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public int ExpectedVersion { get; set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Case = await mediator.Send(new GetCase.Query(id), ct);
        return Case is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(new DecideCase.Command(id, Action ?? 0, Comment, ExpectedVersion), ct);
            if (result is null)
            {
                return NotFound();
            }

            return Redirect($"/staff/cases/{id}");
        }
        catch (ValidationException ex)
        {
            this.AddValidationErrors(ex);
        }
        catch (ConflictException ex)
        {
            // Someone else acted first: show their result, keep this person's comment.
            ModelState.Clear();
            Notice = ex.Message;
            Action = null;
        }

        Case = await mediator.Send(new GetCase.Query(id), ct);
        return Case is null ? NotFound() : Page();
    }
}
