using CityDx.Application.Applications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Cases;

/// <summary>Downloads an attachment of a case (Staff view): always as an attachment, never rendered inline, never stored by a browser or proxy.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DownloadAttachmentModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await mediator.Send(new DownloadAttachment.Query(id, attachmentId, DownloadAttachment.Audience.Staff), ct);
        return file is null ? NotFound() : File(file.OpenRead(), file.ContentType, file.FileName);
    }
}
