using CityDx.Application.Account;
using CityDx.Application.Resources;
using CityDx.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CityDx.Web.Pages.Account;

/// <summary>二段階認証 (signed-in users only, by the folder convention): turn it on with a code from the app, or off.</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class TwoFactorModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, INamesErrors, IRedisplays
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }

    /// <summary>The code of the recovery-code form (a name of its own: the disable form on the same page has a Code too).</summary>
    [BindProperty] public string? RenewCode { get; set; }

    public ShowTwoFactor.Result Status { get; private set; } = new(false, 0, null, null);

    /// <summary>Shown once, right after two-factor authentication was turned on.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The QR code as a PNG data: URI (the CSP allows data: images; no script draws it).</summary>
    public string? QrCodeDataUri => Status.AuthenticatorUri is { } uri ? "data:image/png;base64," + Convert.ToBase64String(QrPng(uri)) : null;

    public async Task OnGetAsync(CancellationToken ct) => Status = await mediator.Send(new ShowTwoFactor.Query(), ct);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        RecoveryCodes = await mediator.Send(new EnableTwoFactor.Command(Code ?? ""), ct);
        Notice = l["TwoFactor.Enabled"];
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken ct)
    {
        RecoveryCodes = await mediator.Send(new NewRecoveryCodes.Command(RenewCode ?? ""), ct);
        Notice = l["TwoFactor.Renewed"];
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        await mediator.Send(new DisableTwoFactor.Command(Code ?? "", Password ?? ""), ct);
        Notice = l["TwoFactor.Disabled"];
        return await ShowAsync(ct);
    }

    /// <summary>The recovery-code form's code input has a name of its own.</summary>
    public string InputFor(string property, string? handler) => handler == "Renew" && property == nameof(Code) ? nameof(RenewCode) : property;

    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => ShowAsync(ct);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Status = await mediator.Send(new ShowTwoFactor.Query(), ct);
        return Page();
    }

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(5);
    }
}
