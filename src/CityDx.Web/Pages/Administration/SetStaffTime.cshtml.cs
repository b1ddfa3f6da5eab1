using CityDx.Application.Administration;
using CityDx.Application.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CityDx.Web.Pages.Administration;

/// <summary>業務量の標準: staff minutes per counter and online filing, and the day the procedure went online (<see cref="SetStaffTime"/>).</summary>
public sealed class SetStaffTimeModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IRedisplays
{
    public SetStaffTime.View? View { get; private set; }

    [BindProperty]
    public int? CounterMinutes { get; set; }

    [BindProperty]
    public int? OnlineMinutes { get; set; }

    [BindProperty]
    public DateOnly? OnlineSince { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, bool saved, CancellationToken ct)
    {
        View = await mediator.Send(new SetStaffTime.Query(code), ct);
        if (View is null)
        {
            return NotFound();
        }

        CounterMinutes = View.CounterMinutes;
        OnlineMinutes = View.OnlineMinutes;
        OnlineSince = View.OnlineSince;
        Saved = saved;
        return Page();
    }

    /// <summary>The page again with what was typed (the procedure's name and standards reloaded).</summary>
    private async Task<IActionResult> ShowAsync(string code, CancellationToken ct)
    {
        View = await mediator.Send(new SetStaffTime.Query(code), ct);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A value that is not a number or a date: say so under the field.
            foreach (var key in ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList())
            {
                ModelState[key]!.Errors.Clear();
                ModelState.AddModelError(key, l[key == nameof(OnlineSince) ? "StaffTime.OnlineSinceRange" : "StaffTime.MinutesRange"]);
            }

            ViewData[ModelStateExtensions.ErrorOrderKey] = new List<string> { nameof(CounterMinutes), nameof(OnlineMinutes), nameof(OnlineSince) };
            return await ShowAsync(code, ct);
        }

        return await mediator.Send(new SetStaffTime.Command(code, CounterMinutes, OnlineMinutes, OnlineSince), ct)
            ? Redirect($"/admin/procedures/{Uri.EscapeDataString(code)}/staff-time?saved=true")
            : NotFound();
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal, CancellationToken ct) => ShowAsync(refusal.Code, ct);
}
