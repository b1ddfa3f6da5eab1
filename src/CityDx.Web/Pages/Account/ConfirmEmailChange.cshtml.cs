using CityDx.Application.Account;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Account;

/// <summary>Opened from the mail sent to the new address; works signed in or not.</summary>
public sealed class ConfirmEmailChangeModel(IMediator mediator) : PageModel, IRedisplays
{
    public bool Succeeded { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code, CancellationToken ct)
    {
        Succeeded = await mediator.Send(new ConfirmEmailChange.Command(userId ?? "", email ?? "", code ?? ""), ct);
    }

    /// <summary>A link that is malformed is not confirmed either: the same page, without a form's errors.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct)
    {
        ModelState.Clear();
        Succeeded = false;
        return Task.FromResult<IActionResult>(Page());
    }
}
