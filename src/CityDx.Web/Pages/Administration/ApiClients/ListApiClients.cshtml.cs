using CityDx.Application.Administration;
using CityDx.Application.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration.ApiClients;

/// <summary>API連携先: the clients, with revoke and a new secret (shown once, on the page the POST returns).</summary>
public sealed class ListApiClientsModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<ListApiClients.Item> Items { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    /// <summary>A credential just issued: on this response only, never stored or redirected with.</summary>
    public (string Name, string Credential)? NewCredential { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (await mediator.Send(new RevokeApiClient.Command(id), ct) is null)
        {
            return NotFound();
        }

        Notice = l["ApiClients.Revoked"];
        return Redirect("/admin/api-clients");
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken ct)
    {
        if (await mediator.Send(new RotateApiClientSecret.Command(id), ct) is not { } credential)
        {
            return NotFound();
        }

        var result = await ShowAsync(ct);
        NewCredential = (Items.FirstOrDefault(i => i.Id == id)?.Name ?? "", credential);
        return result;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (await mediator.Send(new ListApiClients.Query(), ct) is not { } items)
        {
            return Forbid();
        }

        Items = items;
        return Page();
    }
}
