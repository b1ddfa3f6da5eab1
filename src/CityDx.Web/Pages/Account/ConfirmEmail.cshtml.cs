using CityDx.Web.Startup;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ConfirmEmailUseCase = CityDx.Application.Account.ConfirmEmail;

namespace CityDx.Web.Pages.Account;

/// <summary>The link from the registration mail. Opening it confirms the address (as Identity's own UI does).</summary>
[EnableRateLimiting(RateLimitOptions.SignInPolicy)]
public sealed class ConfirmEmailModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Confirmed = await mediator.Send(new ConfirmEmailUseCase.Command(UserId ?? "", Code ?? ""), ct);
        }
        catch (ValidationException)
        {
            Confirmed = false;
        }
    }
}
