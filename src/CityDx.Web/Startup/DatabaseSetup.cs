using CityDx.Infrastructure.Persistence;
using CityDx.Infrastructure.PostalCodes;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Web.Startup;

public static class DatabaseSetup
{
    /// <summary>
    /// Applies pending migrations when Database:MigrateOnStartup is on (the default; production
    /// turns it off and runs <c>--migrate-only</c> or the SQL script, see docs/operations.md), loads
    /// the shipped postal codes of the demo city when there are none, then seeds the demo data when
    /// Demo:Seed is on. <c>--import-postal-codes=KEN_ALL.CSV</c> imports Japan Post's file and exits.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var migrateOnly = app.Configuration.GetValue<bool>("migrate-only");
        var postalFile = app.Configuration.GetValue<string>("import-postal-codes");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            if (options.MigrateOnStartup || migrateOnly)
            {
                await db.Database.MigrateAsync();
            }

            var importer = scope.ServiceProvider.GetRequiredService<PostalCodeImporter>();
            if (postalFile is not null)
            {
                await ImportPostalCodesAsync(importer, postalFile);
                Environment.Exit(0);
            }

            if (!migrateOnly && !await db.PostalAddresses.AnyAsync())
            {
                await using var osaka = PostalCodeImporter.OpenOsakaCity();
                await importer.ImportAsync(osaka);
            }

            var demo = app.Services.GetRequiredService<DemoOptions>();
            if (demo.Seed && !migrateOnly)
            {
                await DemoData.SeedAsync(scope.ServiceProvider, demo, printCredentials: app.Environment.IsDevelopment());
            }
        }

        if (migrateOnly)
        {
            app.Logger.LogInformation("Migrations applied; exiting (--migrate-only).");
            Environment.Exit(0);
        }
    }

    private static async Task ImportPostalCodesAsync(PostalCodeImporter importer, string path)
    {
        Console.WriteLine($"Importing {path} (KEN_ALL layout, Shift_JIS)…");
        await using var file = File.OpenRead(path);
        var progress = new SynchronousProgress(p => Console.Write($"\r  {p.Written:N0} / {p.Total:N0} addresses ({p.Percent}%)   "));
        var imported = await importer.ImportAsync(file, progress);
        Console.WriteLine($"\nImported {imported:N0} addresses.");
    }

    /// <summary>Reports on the caller's thread, so the console lines come out in order.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
