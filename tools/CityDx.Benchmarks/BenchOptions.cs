using System.Globalization;

namespace CityDx.Benchmarks;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        CityDx benchmark (docs/performance.md)

          dotnet run --project tools/CityDx.Benchmarks -c Release -- [options]

          --postgres "Host=…;Username=…"  server to use (default: $CITYDX_BENCH_POSTGRES, then $CITYDX_TEST_POSTGRES)
          --database NAME                 database made on that server (default citydx_bench; reused if already seeded)
          --cases N                       cases to seed (default 1000000)
          --reseed                        empty the cases and seed again even if N are there
          --concurrency C                 concurrent connections for every load (default 8)
          --duration S                    seconds per load (default 15)
          --batches B                     batch actions of 1,000 cases to time (default 3)
          --only a,b                      run only these measures (floor, catalogue, filing, queue, deep, dashboard, mixed, batch)
          --out FILE                      also write the markdown report to FILE
          --web-setting Key=Value         a configuration value for the web app (repeatable), e.g.
                                          Statistics__DashboardCacheSeconds=0 to measure a before
          --smoke                         2,000 cases, 2 s per load, concurrency 2: shows the tool works
        Needs wrk (apt-get install wrk) and a PostgreSQL the given account may create databases on.
        """;

    public string? Postgres { get; init; }
    public string Database { get; init; } = "citydx_bench";
    public int Cases { get; init; } = 1_000_000;
    public bool Reseed { get; init; }
    public int Concurrency { get; init; } = 8;
    public int DurationSeconds { get; init; } = 15;
    public int Batches { get; init; } = 3;
    public IReadOnlySet<string>? Only { get; init; }
    public string? Out { get; init; }
    public bool Smoke { get; init; }

    public IReadOnlyDictionary<string, string> WebSettings { get; init; } = new Dictionary<string, string>();

    public bool Runs(string measure) => Only is null || Only.Contains(measure);

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string> settings, string pair)
    {
        var parts = pair.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new ArgumentException($"--web-setting needs Key=Value, not {pair}");
        }

        return new Dictionary<string, string>(settings) { [parts[0]] = parts[1] };
    }

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--postgres" => o with { Postgres = Next() },
                "--database" => o with { Database = Next() },
                "--cases" => o with { Cases = NextInt() },
                "--reseed" => o with { Reseed = true },
                "--concurrency" => o with { Concurrency = NextInt() },
                "--duration" => o with { DurationSeconds = NextInt() },
                "--batches" => o with { Batches = NextInt() },
                "--only" => o with { Only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                "--out" => o with { Out = Next() },
                "--web-setting" => o with { WebSettings = WithSetting(o.WebSettings, Next()) },
                "--smoke" => o with { Smoke = true, Cases = 2_000, DurationSeconds = 2, Concurrency = 2, Batches = 1, Database = "citydx_bench_smoke" },
                "--help" or "-h" => null,
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            if (o is null)
            {
                return null;
            }
        }

        return o with
        {
            Postgres = o.Postgres ?? Environment.GetEnvironmentVariable("CITYDX_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("CITYDX_TEST_POSTGRES"),
        };
    }
}
