using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Web.Startup;

public static class DatabaseSetup
{
    /// <summary>
    /// Applies pending migrations when Database:MigrateOnStartup is on (the default; production
    /// turns it off and runs <c>--migrate-only</c> or the SQL script, see docs/operations.md), then
    /// seeds the demo data when Demo:Seed is on.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var migrateOnly = app.Configuration.GetValue<bool>("migrate-only");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            if (options.MigrateOnStartup || migrateOnly)
            {
                await db.Database.MigrateAsync();
            }

            var demo = app.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
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
}
