using System.Net;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityDx.IntegrationTests.Operations;

/// <summary>With no database configured the portal makes its own SQLite file and serves the catalogue.</summary>
public sealed class SqliteDefaultTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citydx-sqlite-" + Guid.NewGuid().ToString("N"));

    private sealed class SqliteDefaultFactory(string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:DataFolder", folder);
        }
    }

    [Fact]
    public async Task Starts_from_an_empty_folder_and_serves_the_catalogue()
    {
        Assert.False(Directory.Exists(_folder));
        using var factory = new SqliteDefaultFactory(_folder);
        var client = PortalClient.Create(factory);

        var catalogue = await client.GetPageAsync("/procedures");
        Assert.Contains("犬の登録・狂犬病予防注射済票の交付", catalogue.Body!.TextContent);
        Assert.True(File.Exists(Path.Combine(_folder, "citydx.db")));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/ready")).StatusCode);

        // The demo accounts work on SQLite as well, and so does the filing path.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(Demo.Citizen, PortalClient.DemoPassword)).StatusCode);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(client);
        Assert.Contains(receipt, (await client.GetPageAsync("/my/applications")).Body!.TextContent);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync($"/staff/cases/{caseId}");

        // The queue reads each state's page in order and merges them, on SQLite as on PostgreSQL.
        Assert.Contains(receipt, (await kita.GetPageAsync("/staff/cases")).Text("table.table--queue"));
        Assert.Contains(receipt, (await kita.GetPageAsync("/staff/cases?sort=Filed")).Text("table.table--queue"));

        // Published form versions are immutable in SQLite too.
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "citydx.db")}");
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE form_versions SET \"DefinitionJson\" = '{}' WHERE \"Status\" = 1";
        var ex = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("immutable", ex.Message, StringComparison.Ordinal);

        // The audit log has the staff read, and is append-only in SQLite too.
        foreach (var sql in new[] { "UPDATE audit_entries SET \"Detail\" = 'x'", "DELETE FROM audit_entries" })
        {
            await using var change = connection.CreateCommand();
            change.CommandText = sql;
            Assert.Contains("append-only", (await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => change.ExecuteNonQueryAsync())).Message, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
