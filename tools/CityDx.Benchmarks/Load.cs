using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CityDx.Benchmarks;

/// <summary>One measured load: throughput, latency percentiles (ms) and errors.</summary>
public sealed record Measure(string Name, string What, double RequestsPerSecond, double P50, double P95, double P99, long Requests, long Errors, string Note = "")
{
    /// <summary>Connections of the load, when it differs from the run's --concurrency.</summary>
    public int? Connections { get; init; }
}

/// <summary>One kind of request of a wrk load: its share of the load, method, path, cookie and JSON body.</summary>
public sealed record LoadRequest(int Share, string Method, string Path, string? Cookie = null, string? JsonBody = null);

/// <summary>
/// Runs wrk (Debian's package) with a generated Lua script: each request is drawn from the given
/// kinds by share, and the script's done() prints the summary as JSON (wrk's own report has no p95).
/// </summary>
public static class Wrk
{
    public static async Task<Measure> RunAsync(Uri baseUrl, string name, string what, IReadOnlyList<LoadRequest> kinds, int concurrency, int seconds)
    {
        var script = Path.Combine(Path.GetTempPath(), $"citydx-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Lua(kinds));
        try
        {
            var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
                     {
                         "-t", Math.Min(2, concurrency).ToString(CultureInfo.InvariantCulture),
                         "-c", concurrency.ToString(CultureInfo.InvariantCulture),
                         "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
                         "--timeout", "10s", "-s", script, baseUrl.ToString().TrimEnd('/'),
                     })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var json = output.Split('\n').LastOrDefault(l => l.StartsWith("{\"requests\"", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no summary:\n{output}\n{await process.StandardError.ReadToEndAsync()}");
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            double Ms(string key) => r.GetProperty(key).GetDouble() / 1000.0;
            var requests = r.GetProperty("requests").GetInt64();
            return new Measure(name, what, requests / (r.GetProperty("duration_us").GetDouble() / 1e6),
                Ms("p50"), Ms("p95"), Ms("p99"), requests, r.GetProperty("errors").GetInt64());
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Lua(IReadOnlyList<LoadRequest> kinds)
    {
        static string Str(string? s) => s is null ? "nil" : "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var total = kinds.Sum(k => k.Share);
        var lines = new List<string> { "local kinds = {" };
        var cumulative = 0;
        foreach (var k in kinds)
        {
            cumulative += k.Share;
            lines.Add($"  {{ upto = {cumulative}, method = {Str(k.Method)}, path = {Str(k.Path)}, cookie = {Str(k.Cookie)}, body = {Str(k.JsonBody)} }},");
        }

        lines.Add("}");
        lines.Add($$"""
            local prepared = {}
            function init(args)
              math.randomseed(os.time() + math.floor(os.clock() * 1000000))
              for i, k in ipairs(kinds) do
                local headers = {}
                if k.cookie then headers["Cookie"] = k.cookie end
                if k.body then headers["Content-Type"] = "application/json" end
                prepared[i] = wrk.format(k.method, k.path, headers, k.body)
              end
            end
            function request()
              local n = math.random({{total}})
              for i, k in ipairs(kinds) do
                if n <= k.upto then return prepared[i] end
              end
              return prepared[#prepared]
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format('{"requests":%d,"duration_us":%d,"errors":%d,"p50":%d,"p95":%d,"p99":%d}\n',
                summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
                latency:percentile(50), latency:percentile(95), latency:percentile(99)))
            end
            """);
        return string.Join('\n', lines);
    }
}

/// <summary>A signed-in browser session: its cookies as one Cookie header, and a client that sends them.</summary>
public sealed partial class Session : IDisposable
{
    private readonly CookieContainer _cookies = new();

    private Session(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public string CookieHeader => _cookies.GetCookieHeader(BaseUrl);

    public static async Task<Session> SignInAsync(Uri baseUrl, string email, string password)
    {
        var session = new Session(baseUrl);
        var response = await session.PostFormAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return session;
    }

    /// <summary>GETs <paramref name="formPage"/> for its antiforgery token, then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await Http.GetStringAsync(formPage);
        var token = TokenPattern().Match(page) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery token on {formPage}");
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
