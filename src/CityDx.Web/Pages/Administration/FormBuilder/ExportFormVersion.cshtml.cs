using System.Text;
using CityDx.Application.FormBuilder;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Administration.FormBuilder;

/// <summary>様式をダウンロード (/admin/procedures/{code}/form/versions/{number}/export): a version as a JSON file.</summary>
public sealed class ExportFormVersionModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = "";

    [FromRoute]
    public int Number { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var export = await mediator.Send(new ExportFormVersion.Query(Code, Number), ct);
        return export is null ? NotFound() : File(Encoding.UTF8.GetBytes(export.Json), "application/json", export.FileName);
    }
}
