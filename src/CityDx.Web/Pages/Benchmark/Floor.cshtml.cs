using CityDx.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Web.Pages.Benchmark;

/// <summary>
/// The benchmark's floor (docs/performance.md): the cheapest page this app can serve that still
/// goes through the whole middleware pipeline and runs one indexed single-row EF Core query. Every
/// measured page is reported as a ratio to it. Exists only in the Development and Benchmark
/// environments; anywhere else it is a 404.
/// </summary>
[AllowAnonymous]
public sealed class FloorModel(CityDxDbContext db, IWebHostEnvironment environment) : PageModel
{
    public const string Environment = "Benchmark";

    public string? Name { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && !environment.IsEnvironment(Environment))
        {
            return NotFound();
        }

        Name = await db.Procedures.AsNoTracking().Where(p => p.Code == code).Select(p => p.NameJa).FirstOrDefaultAsync(cancellationToken);
        return Name is null ? NotFound() : Page();
    }
}
