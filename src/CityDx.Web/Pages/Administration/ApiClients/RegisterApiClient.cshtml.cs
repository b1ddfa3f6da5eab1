using CityDx.Application.Administration;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Administration.ApiClients;

/// <summary>API連携先の登録: name, scopes, units; the POST's page shows the credential once.</summary>
public sealed class RegisterApiClientModel(IMediator mediator) : PageModel, IRedisplays
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool CasesRead { get; set; }

    [BindProperty]
    public bool CasesTransition { get; set; }

    [BindProperty]
    public List<Guid> UnitIds { get; set; } = [];

    public IReadOnlyList<RegisterApiClient.UnitOption> Units { get; private set; } = [];

    /// <summary>Set on the response to a successful POST only.</summary>
    public (string Name, string Credential)? NewCredential { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Ticked to start with; a POST binds what was ticked (an unticked box posts nothing).
        CasesRead = true;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await mediator.Send(new RegisterApiClient.Command(Name, CasesRead, CasesTransition, UnitIds), ct) is not { } result)
        {
            return Forbid();
        }

        NewCredential = (Name!.Trim(), result.Credential);
        return await ShowAsync(ct);
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => ShowAsync(ct);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        if (await mediator.Send(new RegisterApiClient.Query(), ct) is not { } units)
        {
            return Forbid();
        }

        Units = units;
        return Page();
    }
}
