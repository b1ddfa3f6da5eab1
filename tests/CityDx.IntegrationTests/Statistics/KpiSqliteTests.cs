using System.Net;
using CityDx.Application.Statistics;
using CityDx.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Statistics;

/// <summary>The roll-ups, the dashboard and open statistics work on the zero-setup SQLite default too.</summary>
public sealed class KpiSqliteTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citydx-sqlite-kpi-" + Guid.NewGuid().ToString("N"));

    private sealed class SqliteFactory(string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:DataFolder", folder);
        }
    }

    [Fact]
    public async Task A_filing_reaches_the_dashboard_after_a_refresh_on_sqlite()
    {
        using var factory = new SqliteFactory(_folder);
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        await Filing.FileDogRegistrationAsync(citizen);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Send(new RefreshKpiRollups.Command(Full: true));
            await mediator.Send(new RefreshKpiRollups.Command());
        }

        var analyst = await PortalClient.SignedInAsync(factory, Demo.Analyst);
        var page = await analyst.GetPageAsync("/dashboard");
        var tiles = page.QuerySelectorAll("#kpi-tiles dd").ToDictionary(d => d.GetAttribute("data-kpi")!, d => d.TextContent.Trim());
        Assert.Equal("1", tiles["filed"]);
        Assert.Equal("100.0%", tiles["online-rate"]);
        Assert.Equal("1", tiles["open"]);
        Assert.Equal("1", page.QuerySelectorAll("#kpi-funnel tbody tr")[2].Children[1].TextContent);
        Assert.Equal(HttpStatusCode.OK, (await analyst.Http.GetAsync("/dashboard?handler=Csv&table=procedures")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PortalClient.Create(factory).Http.GetAsync("/api/v1/statistics/applications?format=csv")).StatusCode);
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
