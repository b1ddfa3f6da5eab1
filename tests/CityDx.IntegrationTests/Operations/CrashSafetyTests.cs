using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.IntegrationTests.Infrastructure;
using CityDx.TestData;
using Npgsql;

namespace CityDx.IntegrationTests.Operations;

/// <summary>
/// Nothing acknowledged is lost: 200 filings run at once against a real app process on PostgreSQL,
/// the process is killed with SIGKILL in the middle, restarted, and every receipt number any
/// client was shown exists exactly once with its answers, history and outbox mail; no case in the
/// database is half-written.
/// </summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private const int Filings = 200;
    private const int Sessions = 10;
    private string _connectionString = "";
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "citydx-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _app;
    private int _port;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        Kill();
        await PostgresServer.DropDatabaseAsync(_connectionString);
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Every_acknowledged_filing_survives_a_sigkill_in_the_middle()
    {
        await StartAppAsync();
        var sessions = new List<HttpClient>();
        for (var i = 0; i < Sessions; i++)
        {
            sessions.Add(await SignedInAsync());
        }

        var ward = await WardIdAsync(sessions[0]);
        var acknowledged = new ConcurrentBag<string>();
        var quarterAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var killed = new CancellationTokenSource();
        var filings = Enumerable.Range(0, Filings).Select(i => Task.Run(async () =>
        {
            try
            {
                var receipt = await FileAsync(sessions[i % Sessions], ward, $"クラッシュ{i}");
                if (receipt is not null)
                {
                    acknowledged.Add(receipt);
                    if (acknowledged.Count >= Filings / 4)
                    {
                        quarterAcknowledged.TrySetResult();
                    }
                }
            }
            catch (Exception) when (killed.IsCancellationRequested)
            {
                // The server died under this filing: it was never acknowledged.
            }
            catch (HttpRequestException)
            {
            }
        })).ToList();

        // Kill the process once a good part of the filings were acknowledged, while the rest are in flight.
        await Task.WhenAny(quarterAcknowledged.Task, Task.WhenAll(filings));

        killed.Cancel();
        Kill();
        await Task.WhenAll(filings);
        Assert.True(acknowledged.Count >= Filings / 4, $"only {acknowledged.Count} filings were acknowledged before the kill");
        Assert.True(acknowledged.Count < Filings, "the kill came after every filing had finished");

        await StartAppAsync();
        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        foreach (var receipt in acknowledged)
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*), min(c."AnswersJson"),
                       (SELECT count(*) FROM case_history h WHERE h."CaseId" = min(c."Id"::text)::uuid),
                       (SELECT count(*) FROM outbox_messages o WHERE o."CaseId" = min(c."Id"::text)::uuid)
                FROM cases c WHERE c."ReceiptNumber" = @r
                """, db);
            command.Parameters.AddWithValue("r", receipt);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(1L, reader.GetInt64(0));
            Assert.Contains("dog_name", reader.GetString(1), StringComparison.Ordinal);
            Assert.True(reader.GetInt64(2) >= 1, $"{receipt} has no history");
            Assert.True(reader.GetInt64(3) >= 1, $"{receipt} has no outbox mail");
        }

        // No case at all is half-written: each has its history line and its mail.
        await using var orphans = new NpgsqlCommand("""
            SELECT count(*) FROM cases c
            WHERE NOT EXISTS (SELECT 1 FROM case_history h WHERE h."CaseId" = c."Id")
               OR NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o."CaseId" = c."Id")
            """, db);
        Assert.Equal(0L, (long)(await orphans.ExecuteScalarAsync())!);

        // And the restarted app serves the acknowledged case to its owner.
        var owner = await SignedInAsync();
        var list = await owner.GetStringAsync("/my/applications");
        Assert.Contains(acknowledged.First(), list, StringComparison.Ordinal);
    }

    private static async Task<string?> FileAsync(HttpClient client, string ward, string dogName)
    {
        var start = await PostFormAsync(client, "/procedures/dog-registration/apply", []);
        var applicant = await PostFormAsync(client, start!, new() { ["WardId"] = ward });
        var fields = Filing.DogAnswers(dogName);
        var check = await PostFormAsync(client, applicant!, fields);
        var received = await PostFormAsync(client, check!, []);
        if (received is null || !received.Contains("/received", StringComparison.Ordinal))
        {
            return null;
        }

        var page = await PortalClient.ParseAsync(await client.GetStringAsync(received));
        return page.QuerySelector("#receipt-number")?.TextContent.Trim();
    }

    /// <summary>GETs the page for its antiforgery token, posts the fields, returns the redirect target (null if none).</summary>
    private static async Task<string?> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await PortalClient.ParseAsync(await client.GetStringAsync(url));
        var forms = page.QuerySelectorAll<IHtmlFormElement>("main form[method=post]").ToList();
        var form = forms.Count > 0 ? forms[^1] : page.QuerySelector<IHtmlFormElement>("form[method=post]")!;
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            if (!fields.ContainsKey(hidden.Name!))
            {
                content.Add(new StringContent(hidden.Value), hidden.Name!);
            }
        }

        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        var response = await client.PostAsync(action, content);
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.OriginalString : null;
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{_port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        var target = await PostFormAsync(client, "/account/sign-in", new() { ["Email"] = Demo.Citizen, ["Password"] = PortalClient.DemoPassword });
        Assert.NotNull(target);
        return client;
    }

    private static async Task<string> WardIdAsync(HttpClient client)
    {
        var start = await PostFormAsync(client, "/procedures/dog-registration/apply", []);
        var page = await PortalClient.ParseAsync(await client.GetStringAsync(start!));
        return page.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlOptionElement>("select option").First(o => o.Text.Trim() == "北区役所").Value;
    }

    private async Task StartAppAsync()
    {
        if (_port == 0)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var web = typeof(Program).Assembly.Location;
        var root = RepoRoot.Path;
        var info = new ProcessStartInfo("dotnet", [web, "--urls", $"http://127.0.0.1:{_port}", "--contentRoot", Path.Combine(root, "src", "CityDx.Web")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Database__Provider"] = "Postgres";
        info.Environment["Database__ConnectionString"] = _connectionString;
        info.Environment["Database__DataFolder"] = _dataFolder;
        info.Environment["Mail__PickupFolder"] = Path.Combine(_dataFolder, "mail");
        info.Environment["Mail__DeliverEverySeconds"] = "3600";
        info.Environment["Demo__Seed"] = "true";
        info.Environment["RateLimits__SignInPerMinute"] = "10000";
        info.Environment["RateLimits__FilingPerMinute"] = "100000";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        info.Environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information";

        // Ready is a condition the host announces (after migrations and seeding), or the process ending.
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _app = Process.Start(info)!;
        _app.EnableRaisingEvents = true;
        _app.Exited += (_, _) => started.TrySetResult(false);
        _app.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult(true);
            }
        };
        _app.ErrorDataReceived += (_, _) => { };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        Assert.True(await started.Task.WaitAsync(TimeSpan.FromSeconds(90)), "the app process exited while starting");

        using var probeClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        Assert.True((await probeClient.GetAsync("/health/ready")).IsSuccessStatusCode);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a power cut of the web node.</summary>
    private void Kill()
    {
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            _app.WaitForExit();
        }

        _app?.Dispose();
        _app = null;
    }
}
