using CityDx.Application.Retention;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using CityDx.Web.Startup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Administration;

/// <summary>
/// The same tamper evidence and audit retention on SQLite, where the application (not a trigger)
/// chains the rows and the purge's cut-off is compared in SQLite's stored form of instants.
/// </summary>
public sealed class AuditChainSqliteTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citydx-sqlite-audit-" + Guid.NewGuid().ToString("N"));

    private sealed class SqliteClockFactory(string folder, AdjustableClock clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:DataFolder", folder);
            // Quartz reads the same clock: moved by years, the nightly retention trigger would fire by itself mid-test.
            builder.UseSetting("Retention:Cron", "0 0 0 1 1 ? 2099");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    [Fact]
    public async Task Rows_are_chained_by_the_application_purged_by_retention_only_and_an_altered_row_is_found()
    {
        var clock = new AdjustableClock();
        using var factory = new SqliteClockFactory(_folder, clock);
        var citizen = PortalClient.Create(factory);
        await citizen.SignInAsync(Demo.Citizen, PortalClient.DemoPassword);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync($"/staff/cases/{caseId}");

        var output = new StringWriter();
        Assert.True(await factory.Services.VerifyAuditAsync(output) == 0, output.ToString());
        var first = await ApiClients.QueryAsync(factory, db => db.AuditLog.OrderBy(e => e.ChainSeq).Select(e => new { e.Id, e.ChainSeq }).FirstAsync());
        Assert.Equal(1, first.ChainSeq);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "citydx.db")}");
        await connection.OpenAsync();
        async Task<int> SqlAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }

        // Five years on, retention purges the old entries (and nothing but retention may) and the rest verifies.
        clock.Advance(TimeSpan.FromDays((5 * 366) + 1));
        await Assert.ThrowsAsync<SqliteException>(() => SqlAsync($"DELETE FROM audit_entries WHERE \"Id\" = {first.Id}"));
        kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync("/staff/cases");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<ApplyRetention.Run>().ExecuteAsync(default);
            Assert.True(run.Result.AuditEntriesPurged >= 1);
        }

        Assert.False(await ApiClients.QueryAsync(factory, db => db.AuditLog.AnyAsync(e => e.Id == first.Id)));
        output = new StringWriter();
        Assert.True(await factory.Services.VerifyAuditAsync(output) == 0, output.ToString());

        // Someone with the file drops the trigger and edits an entry: found.
        var victim = await ApiClients.QueryAsync(factory, db => db.AuditLog.OrderByDescending(e => e.ChainSeq).Select(e => new { e.Id, e.ChainSeq }).FirstAsync());
        await SqlAsync("DROP TRIGGER audit_entries_no_update");
        await SqlAsync($"UPDATE audit_entries SET \"ActorId\" = 'someone-else' WHERE \"Id\" = {victim.Id}");
        output = new StringWriter();
        Assert.Equal(1, await factory.Services.VerifyAuditAsync(output));
        Assert.Contains($"audit_entries: the row was altered (chain number {victim.ChainSeq}, row id {victim.Id})", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
