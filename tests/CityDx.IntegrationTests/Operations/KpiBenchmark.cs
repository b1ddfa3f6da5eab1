using System.Diagnostics;
using CityDx.Application.Statistics;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
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
/// Measures the KPI dashboard over N cases (docs/performance.md): seeds them through PostgreSQL COPY with a
/// spread over procedures, wards, channels, states and three years, builds the roll-ups from scratch,
/// times an incremental run with nothing to do, then times the dashboard page as analyst and as ward staff.
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
            var procedures = await db.Procedures.AsNoTracking().Where(p => p.CurrentFormVersionId != null).Select(p => new { p.Id, Form = p.CurrentFormVersionId!.Value }).ToListAsync();
            var wards = await db.OrganisationUnits.AsNoTracking().Where(u => u.Kind == Domain.Organisation.OrganisationUnitKind.WardOffice).Select(u => u.Id).ToListAsync();
            var seed = Stopwatch.StartNew();
            // COPY of a million rows updates a dozen indexes when it completes: far past the default 30 s.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
            await connection.OpenAsync();
            var random = new Random(7);
            var now = DateTimeOffset.UtcNow;
            var corrected = new List<(Guid Id, DateTimeOffset At)>();
            await using (var importer = await connection.BeginBinaryImportAsync(
                "COPY cases (\"Id\", \"ReceiptNumber\", \"ProcedureId\", \"FormVersionId\", \"OrganisationUnitId\", \"PaymentState\", \"Status\", \"Channel\", \"AnswersJson\", " +
                "\"SubmittedAt\", \"UpdatedAt\", \"DecidedAt\", \"DueDate\", \"SubmissionKey\", \"Version\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < n; i++)
                {
                    // Popular procedures get more: the square skews towards the first ones.
                    var p = procedures[(int)(Math.Pow(random.NextDouble(), 2) * procedures.Count)];
                    var filed = now.AddMinutes(-random.Next(3 * 365 * 24 * 60)).ToUniversalTime();
                    var roll = random.Next(100);
                    var channel = roll < 60 ? Channel.Online : roll < 90 ? Channel.Counter : Channel.Mail;
                    var age = (now - filed).TotalDays;
                    var state = random.Next(100);
                    var (status, decided) = age < 30 && state < 40
                        ? (state < 15 ? CaseStatus.Submitted : state < 35 ? CaseStatus.UnderReview : CaseStatus.AwaitingCorrection, (DateTimeOffset?)null)
                        : (state < 80 ? CaseStatus.Completed : state < 90 ? CaseStatus.Approved : state < 95 ? CaseStatus.Rejected : CaseStatus.Withdrawn,
                            filed.AddDays(random.Next(1, Math.Max(2, Math.Min(30, (int)age)))));
                    var id = Guid.CreateVersion7(filed);
                    await importer.StartRowAsync();
                    await importer.WriteAsync(id, NpgsqlDbType.Uuid);
                    await importer.WriteAsync("B" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                    await importer.WriteAsync(p.Id, NpgsqlDbType.Uuid);
                    await importer.WriteAsync(p.Form, NpgsqlDbType.Uuid);
                    await importer.WriteAsync(wards[random.Next(wards.Count)], NpgsqlDbType.Uuid);
                    await importer.WriteAsync(0, NpgsqlDbType.Integer);
                    await importer.WriteAsync(status, NpgsqlDbType.Varchar);
                    await importer.WriteAsync((int)channel, NpgsqlDbType.Integer);
                    await importer.WriteAsync("{}", NpgsqlDbType.Text);
                    await importer.WriteAsync(filed, NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(decided ?? filed, NpgsqlDbType.TimestampTz);
                    if (decided is { } d)
                    {
                        await importer.WriteAsync(d, NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await importer.WriteNullAsync();
                    }

                    await importer.WriteAsync(JapanTime.DateOf(filed).AddDays(14), NpgsqlDbType.Date);
                    await importer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await importer.WriteAsync(1, NpgsqlDbType.Integer);
                    if (random.Next(100) < 8)
                    {
                        corrected.Add((id, filed.AddHours(5)));
                    }
                }

                await importer.CompleteAsync();
            }

            await using (var history = await connection.BeginBinaryImportAsync(
                "COPY case_history (\"CaseId\", \"At\", \"ActorUserId\", \"ActorRole\", \"Action\", \"FromStatus\", \"ToStatus\") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (id, at) in corrected)
                {
                    await history.StartRowAsync();
                    await history.WriteAsync(id, NpgsqlDbType.Uuid);
                    await history.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await history.WriteAsync("bench", NpgsqlDbType.Varchar);
                    await history.WriteAsync("Staff", NpgsqlDbType.Varchar);
                    await history.WriteAsync(CaseAction.RequestCorrection, NpgsqlDbType.Varchar);
                    await history.WriteAsync(CaseStatus.UnderReview, NpgsqlDbType.Varchar);
                    await history.WriteAsync(CaseStatus.AwaitingCorrection, NpgsqlDbType.Varchar);
                }

                await history.CompleteAsync();
            }

            await using (var analyze = new NpgsqlCommand("ANALYZE cases; ANALYZE case_history;", connection))
            {
                await analyze.ExecuteNonQueryAsync();
            }

            output.WriteLine($"seeded {n:N0} cases ({corrected.Count:N0} with a correction) by COPY in {seed.Elapsed.TotalSeconds:N1} s");

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
