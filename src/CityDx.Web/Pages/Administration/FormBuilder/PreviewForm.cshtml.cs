using CityDx.Application.FormBuilder;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Administration.FormBuilder;

/// <summary>プレビュー (/admin/procedures/{code}/form/preview): the draft as an applicant sees it, every step with its heading.</summary>
public sealed class PreviewFormModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = "";

    public OpenFormEditor.Result Editor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var editor = await mediator.Send(new OpenFormEditor.Query(Code), ct);
        if (editor?.Draft is null)
        {
            return NotFound();
        }

        Editor = editor;
        return Page();
    }
}
