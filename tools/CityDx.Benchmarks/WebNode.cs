using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CityDx.TestData;
using Npgsql;

namespace CityDx.Benchmarks;

/// <summary>
/// The web app as production runs it (Release build, its own process, Kestrel on loopback), on the
/// benchmark database, in the "Benchmark" environment: production settings plus the floor page.
/// It migrates and seeds the demo city at start-up. Its peak memory is read from /proc.
/// </summary>
public sealed class WebNode : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly string _dataFolder;
    private Process _process = null!;

    private WebNode(ProcessStartInfo start, string dataFolder, Uri baseUrl)
    {
        _start = start;
        _dataFolder = dataFolder;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The web app's console output, kept after the run.</summary>
    public static string LogPath { get; } = Path.Combine(Path.GetTempPath(), "citydx-bench-web.log");

    public int ProcessId => _process.Id;

    public static async Task<WebNode> StartAsync(string repoRoot, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var project = Path.Combine(repoRoot, "src", "CityDx.Web");
        Console.WriteLine("Building the web app (Release)…");
        await RunAsync("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"], repoRoot);

        File.Delete(LogPath);
        var port = FreePort();
        var dataFolder = Directory.CreateTempSubdirectory("citydx-bench-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(project, "bin", "Release", "net10.0", "CityDx.Web.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = connectionString,
            ["Database__DataFolder"] = dataFolder,
            ["Mail__PickupFolder"] = Path.Combine(dataFolder, "mail"),
            ["Demo__Seed"] = "true",
            // The benchmark signs in once and files from one account: the per-user limits would
            // measure the limiter, not the app. Everything else is production's configuration.
            ["RateLimits__FilingPerMinute"] = "100000000",
            ["RateLimits__SignInPerMinute"] = "1000",
        };
        foreach (var (key, value) in environment.Concat(settings))
        {
            start.Environment[key] = value;
        }

        var node = new WebNode(start, dataFolder, new Uri($"http://127.0.0.1:{port}"));
        await node.LaunchAsync();
        return node;
    }

    /// <summary>Stops the app and starts it again on the same port and database (a fresh process: its jobs start over).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var process = _process = Process.Start(_start) ?? throw new InvalidOperationException("the web app did not start");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Console.WriteLine($"Web app starting on {BaseUrl} (pid {process.Id}; log {LogPath})…");
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the web app exited with {process.ExitCode}; see {LogPath}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy migrating
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the web app was not ready within 3 minutes");
            }

            await Task.Delay(500);
        }
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Peak and current resident memory of the web process in MB (VmHWM, VmRSS).</summary>
    /// <summary>Waits until the app's KPI roll-up job has run to the end after <see cref="CaseSeeder.ResetRollupsAsync"/>, showing progress.</summary>
    public static async Task WaitForRollupsAsync(NpgsqlDataSource db, TimeSpan limit)
    {
        Console.WriteLine("Waiting for the app's KPI roll-up job to rebuild every month…");
        var clock = Stopwatch.StartNew();
        while (await db.CreateCommand("""SELECT "RefreshedAt" FROM kpi_rollup_state""").ExecuteScalarAsync() is null or DBNull)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"the roll-ups were not built within {limit.TotalMinutes} minutes; see {LogPath}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var cells = (long)(await db.CreateCommand("SELECT count(*) FROM kpi_monthly").ExecuteScalarAsync())!;
        Console.WriteLine($"  roll-ups built in {clock.Elapsed.TotalSeconds:F0} s after the restart ({cells:N0} monthly cells)");
    }

    public (double PeakMb, double CurrentMb) Memory()
    {
        double Read(string key)
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }

        return (Read("VmHWM"), Read("VmRSS"));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // a mail file still being written; the temp folder is cleaned by the OS
        }
    }

    public static async Task RunAsync(string file, IEnumerable<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
