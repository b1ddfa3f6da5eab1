using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CityDx.Benchmarks;
using CityDx.TestData;
using Npgsql;

// CityDx benchmark: docs/performance.md explains what is measured and why, and records the results.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    options = null;
}

if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Postgres is null)
{
    Console.Error.WriteLine("No PostgreSQL: pass --postgres or set CITYDX_BENCH_POSTGRES.");
    return 2;
}

var repoRoot = RepoRoot.Path;
var commandLine = "dotnet run --project tools/CityDx.Benchmarks -c Release -- " + string.Join(' ', args);

// 1. The database: made if missing; the web app migrates it and seeds the demo city.
var connectionString = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = options.Database, MaxPoolSize = 20 }.ConnectionString;
await using (var admin = new NpgsqlConnection(options.Postgres))
{
    await admin.OpenAsync();
    await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
    exists.Parameters.AddWithValue("name", options.Database);
    if (await exists.ExecuteScalarAsync() is null)
    {
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{options.Database}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
}

await using var web = await WebNode.StartAsync(repoRoot, connectionString, options.WebSettings);
// No command timeout: COPY of a million rows ends with index maintenance that takes longer than 30 s.
await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);

// 2. N cases through COPY (kept between runs unless --reseed or fewer are there).
var existing = await CaseSeeder.CountAsync(db);
var seeded = options.Reseed || existing < options.Cases;
if (seeded)
{
    await CaseSeeder.SeedAsync(db, options.Cases, Console.WriteLine);
}
else
{
    // Earlier runs filed and claimed cases: vacuum as autovacuum would have by now, so every run
    // starts from the same state of the visibility map (index-only scans depend on it).
    Console.WriteLine($"Reusing the {existing:N0} cases already in {options.Database} (--reseed to seed again); VACUUM ANALYZE…");
    await CaseSeeder.VacuumAsync(db);
}

// The KPI roll-ups the dashboard reads, built by the app's own job as in production: after a seed
// the watermark goes back to the start and the app restarts, so the job's first run (20 s after
// start) rebuilds every month; the loads wait for it.
if (seeded || await CaseSeeder.RollupsMissingAsync(db))
{
    await CaseSeeder.ResetRollupsAsync(db);
    await web.RestartAsync();
    await WebNode.WaitForRollupsAsync(db, TimeSpan.FromMinutes(20));
}

var caseCount = await CaseSeeder.CountAsync(db);
var postgresVersion = (string)(await db.CreateCommand("SHOW server_version").ExecuteScalarAsync())!;
var kitaWard = (Guid)(await db.CreateCommand("""SELECT "Id" FROM organisation_units WHERE "Code" = 'kita'""").ExecuteScalarAsync())!;

// 3. Sessions: a citizen who files, staff of the central processing centre (the largest queue).
const string password = "CityDx-demo-2026";
using var citizen = await Session.SignInAsync(web.BaseUrl, "citizen@example.jp", password);
using var staff = await Session.SignInAsync(web.BaseUrl, "staff.central@example.jp", password);
using var analyst = await Session.SignInAsync(web.BaseUrl, "analyst@example.jp", password);

var filingBody = JsonSerializer.Serialize(new
{
    procedure = "dog-registration",
    wardId = kitaWard,
    isProxy = false,
    answers = new Dictionary<string, string>
    {
        ["dog_name"] = "ポチ",
        ["breed"] = "柴犬",
        ["sex"] = "male",
        ["birth_date"] = "2026-04-01",
        ["rabies_vaccinated"] = "yes",
        ["phone"] = "06-6208-8181",
    },
});
var check = await citizen.Http.PostAsync("/api/v1/applications", new StringContent(filingBody, Encoding.UTF8, "application/json"));
if (check.StatusCode != HttpStatusCode.Created)
{
    throw new InvalidOperationException($"the filing API answered {(int)check.StatusCode}: {await check.Content.ReadAsStringAsync()}");
}

var deepPage = await DeepPageAsync(db, staff);
const string floorPath = "/_benchmark/floor/dog-registration";
var queuePath = "/staff/cases";
var browse = new[] { new LoadRequest(1, "GET", "/procedures"), new LoadRequest(1, "GET", "/procedures/dog-registration") };
var file = new LoadRequest(1, "POST", "/api/v1/applications", citizen.CookieHeader, filingBody);

// 4. The loads, each with the floor's ratio.
Console.WriteLine($"\nMeasuring: {options.Concurrency} connections, {options.DurationSeconds} s per load, {caseCount:N0} cases.");
var results = new List<(Measure Measure, string Target)>();
Task<Measure> Load(string name, string what, string target, params LoadRequest[] kinds) => LoadAt(name, what, target, options.Concurrency, kinds);
async Task<Measure> LoadAt(string name, string what, string target, int concurrency, params LoadRequest[] kinds)
{
    var m = await Wrk.RunAsync(web.BaseUrl, name, what, kinds, concurrency, options.DurationSeconds) with { Connections = concurrency };
    m = m with { Note = $"RSS after: {web.Memory().CurrentMb:F0} MB" };
    results.Add((m, target));
    Console.WriteLine($"  {name,-10} {m.RequestsPerSecond,8:F0} req/s  p50 {m.P50,7:F1} ms  p95 {m.P95,7:F1}  p99 {m.P99,7:F1}  errors {m.Errors}");
    return m;
}

// Warm-up: JIT, EF's compiled models, connection pools.
await Wrk.RunAsync(web.BaseUrl, "warm-up", "", [new LoadRequest(1, "GET", floorPath), .. browse, new LoadRequest(1, "GET", queuePath, staff.CookieHeader)], options.Concurrency, Math.Min(5, options.DurationSeconds));

var floor = await Load("floor", $"GET {floorPath}: bare page, one indexed single-row EF query", "—", new LoadRequest(1, "GET", floorPath));
if (options.Runs("catalogue"))
{
    await Load("catalogue", "GET /procedures, anonymous", "≥ 0.6 × floor", new LoadRequest(1, "GET", "/procedures"));
}

if (options.Runs("filing"))
{
    var before = await CaseSeeder.CountAsync(db);
    var m = await Load("filing", "POST /api/v1/applications: start, each page, submit", "≥ 1,000/s, 0 errors", file);
    var made = await CaseSeeder.CountAsync(db) - before;
    results[^1] = (m with { Note = $"{made:N0} cases made for {m.Requests:N0} answered requests (a filing cut off by the end of the load may still complete); {m.Note}" }, results[^1].Target);
}

if (options.Runs("queue"))
{
    await Load("queue", "GET /staff/cases: first page, central centre", "p50 ≤ 15 ms, p99 ≤ 60 ms", new LoadRequest(1, "GET", queuePath, staff.CookieHeader));
}

if (options.Runs("deep") && deepPage is not null)
{
    await Load("deep", "GET /staff/cases?status=Completed&sort=Filed&from&to&after=…: deep page", "p50 ≤ 15 ms, p99 ≤ 60 ms", new LoadRequest(1, "GET", deepPage, staff.CookieHeader));
}

if (options.Runs("dashboard"))
{
    // The analyst's default view (the last 12 months, every procedure, ward and channel), then the
    // widest one (three years); an analyst's page, so also at one connection: what one analyst waits.
    var from = DateTime.UtcNow.AddYears(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    var to = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    await Load("dashboard", "GET /dashboard: analyst, last 12 months", "≤ 200 ms", new LoadRequest(1, "GET", "/dashboard", analyst.CookieHeader));
    await LoadAt("dashboard", "GET /dashboard: analyst, last 12 months, one user", "≤ 200 ms", 1, new LoadRequest(1, "GET", "/dashboard", analyst.CookieHeader));
    await LoadAt("dashboard", $"GET /dashboard?from={from}&to={to}: analyst, three years, one user", "≤ 200 ms", 1,
        new LoadRequest(1, "GET", $"/dashboard?from={from}&to={to}", analyst.CookieHeader));
}

if (options.Runs("mixed"))
{
    await Load("mixed", "70 % browse (catalogue, procedure), 10 % file, 20 % staff queue", "≥ 700/s, p99 < 250 ms",
        new LoadRequest(35, "GET", "/procedures"), new LoadRequest(35, "GET", "/procedures/dog-registration"),
        file with { Share = 10 }, new LoadRequest(20, "GET", queuePath, staff.CookieHeader));
}

if (options.Runs("batch"))
{
    results.Add((await BatchAsync(db, staff, options.Batches), "≤ 2 s"));
    Console.WriteLine($"  batch      {results[^1].Measure.Note}");
}

var (peak, current) = web.Memory();
Console.WriteLine($"  memory     peak RSS {peak:F0} MB, now {current:F0} MB");

// 5. The report.
var report = Report(results, floor, peak, current);
Console.WriteLine();
Console.WriteLine(report);
if (options.Out is not null)
{
    await File.WriteAllTextAsync(options.Out, report);
}

return results.Any(r => r.Measure.Errors > 0) ? 1 : 0;

string Report(List<(Measure Measure, string Target)> rows, Measure floorMeasure, double peakMb, double currentMb)
{
    var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
    var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    var sb = new StringBuilder();
    sb.AppendLine(CultureInfo.InvariantCulture, $"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
    sb.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024} GiB; PostgreSQL {postgresVersion} on the same machine; wrk on the same machine");
    sb.AppendLine(CultureInfo.InvariantCulture, $"- command: `{commandLine}`");
    sb.AppendLine(CultureInfo.InvariantCulture, $"- cases: {caseCount:N0}; {options.Concurrency} connections unless the row says otherwise; {options.DurationSeconds} s per load");
    sb.AppendLine();
    sb.AppendLine("| measure | what | req/s | × floor | p50 ms | p95 ms | p99 ms | errors | target | note |");
    sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
    foreach (var (m, target) in rows)
    {
        var ratio = m.RequestsPerSecond > 0 && m.Name != "batch" && (m.Connections ?? options.Concurrency) == options.Concurrency ? (m.RequestsPerSecond / floorMeasure.RequestsPerSecond).ToString("F2", CultureInfo.InvariantCulture) : "—";
        var rps = m.Name == "batch" ? "—" : m.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture);
        var what = m.Connections is { } c && c != options.Concurrency ? $"{m.What} ({c} connection{(c == 1 ? "" : "s")})" : m.What;
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {m.Name} | {what} | {rps} | {ratio} | {m.P50:F1} | {m.P95:F1} | {m.P99:F1} | {m.Errors} | {target} | {m.Note} |");
    }

    sb.AppendLine(CultureInfo.InvariantCulture, $"| memory | web process peak RSS (VmHWM) over the run | — | — | — | — | — | — | ≤ 400 MB | {peakMb:F0} MB peak, {currentMb:F0} MB at the end |");
    return sb.ToString();
}

static async Task<string?> DeepPageAsync(NpgsqlDataSource db, Session staff)
{
    // A page far into a filtered queue: the central centre's completed cases filed over two years,
    // oldest first, starting after the 10,000th (or the middle of a smaller set).
    var from = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-2));
    var to = DateOnly.FromDateTime(DateTime.UtcNow);
    await using var command = db.CreateCommand("""
        WITH mine AS (SELECT c."SubmittedAt", c."ReceiptNumber" FROM cases c
            JOIN staff_memberships m ON m."OrganisationUnitId" = c."OrganisationUnitId"
            JOIN "AspNetUsers" u ON u."Id" = m."UserId" AND u."NormalizedEmail" = 'STAFF.CENTRAL@EXAMPLE.JP'
            WHERE c."Status" = 'Completed' AND c."SubmittedAt" >= $1 AND c."SubmittedAt" < $2)
        SELECT "SubmittedAt", "ReceiptNumber" FROM mine ORDER BY "SubmittedAt", "ReceiptNumber"
        OFFSET LEAST(10000, (SELECT count(*) / 2 FROM mine)) LIMIT 1
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime() });
    command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime() });
    await using var reader = await command.ExecuteReaderAsync();
    if (!await reader.ReadAsync())
    {
        return null;
    }

    var filed = reader.GetFieldValue<DateTimeOffset>(0);
    var path = $"/staff/cases?status=Completed&sort=Filed&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&after=f{filed.UtcTicks}_{reader.GetString(1)}";
    var response = await staff.Http.GetAsync(path);
    return response.StatusCode == HttpStatusCode.OK ? path : throw new InvalidOperationException($"deep page {path} answered {(int)response.StatusCode}");
}

static async Task<Measure> BatchAsync(NpgsqlDataSource db, Session staff, int batches)
{
    // 一括処理 as the queue page posts it: 1,000 of the central centre's submitted cases, chosen by
    // id and claimed at once (each case checked on its own, one transaction, one audit row and one
    // history line per case). The least-handled cases are chosen, so runs do not pile claims onto
    // the same 1,000; cases an earlier batch claimed are handed back first. "All matching the
    // filter" is the same command, but a filter matching more than the limit is refused.
    var times = new List<double>();
    var summaries = new List<string>();
    for (var i = 0; i < batches; i++)
    {
        var ids = new List<Guid>();
        await using (var command = db.CreateCommand("""
            SELECT c."Id" FROM cases c JOIN staff_memberships m ON m."OrganisationUnitId" = c."OrganisationUnitId"
            JOIN "AspNetUsers" u ON u."Id" = m."UserId" AND u."NormalizedEmail" = 'STAFF.CENTRAL@EXAMPLE.JP'
            WHERE c."Status" = 'Submitted'
            ORDER BY (SELECT count(*) FROM case_history h WHERE h."CaseId" = c."Id"), c."SubmittedAt" LIMIT 1000
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        // Earlier batches (and runs) claimed these: hand them back, so every batch claims 1,000.
        await using (var release = db.CreateCommand("""UPDATE cases SET "AssigneeUserId" = NULL WHERE "Id" = ANY($1)"""))
        {
            release.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            await release.ExecuteNonQueryAsync();
        }

        var fields = new List<KeyValuePair<string, string>> { new("BatchActionCode", "Claim") };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("Selected", id.ToString())));
        var clock = Stopwatch.StartNew();
        var response = await staff.PostFormAsync("/staff/cases", "/staff/cases?handler=Batch", fields);
        clock.Stop();
        var page = await response.Content.ReadAsStringAsync();
        var result = System.Text.RegularExpressions.Regex.Match(page, "id=\"batch-result\"[^>]*>\\s*<h2[^>]*>[^<]*</h2>\\s*<p>([^<]*)</p>");
        if (response.StatusCode != HttpStatusCode.OK || !result.Success)
        {
            var errors = System.Text.RegularExpressions.Regex.Match(page, "class=\"error-summary\"[\\s\\S]*?</div>").Value;
            throw new InvalidOperationException($"batch answered {(int)response.StatusCode} without a result: {System.Text.RegularExpressions.Regex.Replace(errors, "<[^>]+>|\\s+", " ")}");
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
        summaries.Add(WebUtility.HtmlDecode(result.Groups[1].Value).Trim());
    }

    times.Sort();
    return new Measure("batch", "一括処理: claim 1,000 chosen cases (queue page POST)", 0, times[times.Count / 2], times[^1], times[^1], batches, 0,
        $"{batches} batches: {string.Join(", ", times.Select(t => $"{t / 1000:F2} s"))}; {summaries[0]}");
}
