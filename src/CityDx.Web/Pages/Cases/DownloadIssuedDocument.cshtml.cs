using CityDx.Application.Applications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Cases;

/// <summary>Downloads an issued document of a case (staff of its unit): always as an attachment, never stored by a browser or proxy.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DownloadIssuedDocumentModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId, CancellationToken ct)
    {
        var file = await mediator.Send(new DownloadIssuedDocument.Query(id, documentId, DownloadAttachment.Audience.Staff), ct);
        return file is null ? NotFound() : File(file.OpenRead(), file.ContentType, file.FileName);
    }
}
