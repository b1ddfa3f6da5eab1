using System.Globalization;
using System.Text;
using CityDx.Application.FormBuilder;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration.FormBuilder;

/// <summary>様式を読み込む (/admin/procedures/{code}/form/import): a JSON file or pasted JSON becomes the draft.</summary>
public sealed class ImportFormModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IRedisplays
{
    [FromRoute]
    public string Code { get; set; } = "";

    [BindProperty]
    public string? Json { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public OpenFormEditor.Result Editor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var json = Upload is { Length: > 0 } ? await ReadAsync(Upload, ct) : Json;
        var number = await mediator.Send(new ImportForm.Command(Code, json), ct);
        if (number is null)
        {
            return NotFound();
        }

        Notice = l["Builder.Imported"].Fill(("n", number.Value.ToString(CultureInfo.InvariantCulture)));
        return Redirect($"/admin/procedures/{Code}/form");
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        // A huge paste is not sent back to the browser.
        Json = Json is { Length: > FormJson.MaxBytes } ? null : Json;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>Reads at most a little over the import limit, so an oversize file is refused as too large without being held whole.</summary>
    private static async Task<string> ReadAsync(IFormFile file, CancellationToken ct)
    {
        var buffer = new byte[FormJson.MaxBytes + 4];
        await using var stream = file.OpenReadStream();
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var editor = await mediator.Send(new OpenFormEditor.Query(Code), ct);
        if (editor is null)
        {
            return false;
        }

        Editor = editor;
        return true;
    }
}
