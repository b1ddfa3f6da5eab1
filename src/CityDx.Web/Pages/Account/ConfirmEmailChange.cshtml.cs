using CityDx.Application.Account;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityDx.Web.Pages.Account;

/// <summary>Opened from the mail sent to the new address; works signed in or not.</summary>
public sealed class ConfirmEmailChangeModel(IMediator mediator) : PageModel
{
    public bool Succeeded { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code, CancellationToken ct)
    {
        try
        {
            Succeeded = await mediator.Send(new ConfirmEmailChange.Command(userId ?? "", email ?? "", code ?? ""), ct);
        }
        catch (ValidationException)
        {
            Succeeded = false;
        }
    }
}
