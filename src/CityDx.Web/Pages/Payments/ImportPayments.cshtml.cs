using CityDx.Application.Applications;
using CityDx.Application.Payments;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Payments;

/// <summary>収納データの取込: staff upload a payment file (docs/payment-files.md) and see what matched (<see cref="ImportPayments"/>).</summary>
public sealed class ImportPaymentsModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public IFormFile? PaymentFile { get; set; }

    public ImportPayments.Report? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var file = PaymentFile is { } f ? new UploadedFile("PaymentFile", f.FileName, f.Length, f.OpenReadStream) : null;
        Report = await mediator.Send(new ImportPayments.Command(file), ct);
        return Page();
    }
}
