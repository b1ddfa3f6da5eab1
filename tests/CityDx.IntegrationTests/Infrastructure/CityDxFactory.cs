using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>
/// The whole web app on a database of its own on the real PostgreSQL, with the demo city seeded
/// (Osaka's wards, the demo procedures and one account per role). One per test class.
/// </summary>
public class CityDxFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; protected set; } = "";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "citydx-test-" + Guid.NewGuid().ToString("N")[..12]);

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        // Build the host now so migrations and seeding run before the first test.
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        // Files and mails of the test go to a folder of its own, not into the source tree.
        builder.UseSetting("Database:DataFolder", DataFolder);
        builder.UseSetting("Mail:PickupFolder", Path.Combine(DataFolder, "mail"));
        // Tests deliver the outbox themselves, deterministically; the scheduled job stays out of the way.
        builder.UseSetting("Mail:DeliverEverySeconds", "3600");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        // Every test client shares one address; the tests of a class fail many sign-ins on purpose.
        builder.UseSetting("RateLimits:SignInFailuresPerAddress", "100000");
        builder.UseSetting("RateLimits:AccountPostsPerAddress", "100000");
        builder.UseSetting("RateLimits:FilingPerMinute", "1000");
        builder.UseSetting("Serilog:MinimumLevel:Default", Environment.GetEnvironmentVariable("CITYDX_TEST_LOGLEVEL") ?? "Warning");
    }

    /// <summary>False for a node on a database that the test shares between several factories.</summary>
    protected virtual bool OwnsDatabase => true;

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }

        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
