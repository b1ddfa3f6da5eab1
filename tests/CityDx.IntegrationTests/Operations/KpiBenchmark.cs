using System.Diagnostics;
using CityDx.Application.Statistics;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using CityDx.TestData;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace CityDx.IntegrationTests.Operations;

/// <summary>Runs only with CITYDX_KPI_BENCH set to a number of cases (e.g. 1000000); skipped otherwise.</summary>
public sealed class KpiBenchmarkFactAttribute : FactAttribute
{
    public KpiBenchmarkFactAttribute()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("CITYDX_KPI_BENCH"), out _))
        {
            Skip = "Set CITYDX_KPI_BENCH=<cases> to seed that many cases and time the KPI roll-up and dashboard (docs/performance.md).";
        }
    }
}

/// <summary>
/// Measures the KPI dashboard over N cases (docs/performance.md): seeds them through PostgreSQL COPY with the
/// benchmark tool's own seeder (<see cref="CaseSeeder"/>), builds the roll-ups from scratch, times an
/// incremental run with nothing to do, then times the dashboard page as analyst and as ward staff.
/// </summary>
public sealed class KpiBenchmark(CityDxFactory factory, ITestOutputHelper output) : IClassFixture<CityDxFactory>
{
    [KpiBenchmarkFact]
    public async Task Dashboard_over_many_cases()
    {
        var n = int.Parse(Environment.GetEnvironmentVariable("CITYDX_KPI_BENCH")!, System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var seed = Stopwatch.StartNew();
            // COPY of a million rows updates a dozen indexes when it completes: far past the default 30 s.
            await using (var copy = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(factory.ConnectionString) { CommandTimeout = 0 }.ConnectionString))
            {
                await CaseSeeder.SeedAsync(copy, n, output.WriteLine);
            }

            output.WriteLine($"seeded {n:N0} cases ({await db.CaseHistory.CountAsync(h => h.Action == CaseAction.RequestCorrection):N0} with a correction) by COPY in {seed.Elapsed.TotalSeconds:N1} s");

            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var full = Stopwatch.StartNew();
            var built = await mediator.Send(new RefreshKpiRollups.Command(Full: true));
            output.WriteLine($"full roll-up build: {built.MonthsRebuilt:N0} months in {full.Elapsed.TotalSeconds:N1} s; rows: kpi_monthly {await db.KpiMonths.CountAsync():N0}, kpi_processing_days {await db.KpiProcessingDays.CountAsync():N0}");
            var incremental = Stopwatch.StartNew();
            var again = await mediator.Send(new RefreshKpiRollups.Command());
            output.WriteLine($"incremental run with nothing new: {again.MonthsRebuilt} months in {incremental.Elapsed.TotalMilliseconds:N0} ms");
        }

        await TimeAsync("analyst, all procedures, 12 months", Demo.Analyst, "/dashboard");
        await TimeAsync("analyst, 3 years", Demo.Analyst, $"/dashboard?from={JapanTime.DateOf(DateTimeOffset.UtcNow).AddMonths(-35):yyyy-MM}");
        await TimeAsync("ward staff (own unit), 12 months", Demo.KitaStaff, "/dashboard");
    }

    private async Task TimeAsync(string label, string email, string url)
    {
        var client = await PortalClient.SignedInAsync(factory, email);
        for (var i = 0; i < 3; i++)
        {
            (await client.Http.GetAsync(url)).EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var sw = Stopwatch.StartNew();
            (await client.Http.GetAsync(url)).EnsureSuccessStatusCode();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"GET {url} as {label}: p50 {times[9]:N0} ms, p95 {times[18]:N0} ms, max {times[19]:N0} ms (20 requests after 3 warm-ups)");
        Assert.True(times[9] < 1000, $"{label}: p50 {times[9]} ms");
    }
}
