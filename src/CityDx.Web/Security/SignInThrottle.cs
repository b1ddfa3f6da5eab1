using System.Collections.Concurrent;
using CityDx.Web.Startup;

namespace CityDx.Web.Security;

/// <summary>
/// Throttles FAILED sign-ins (wrong password, unknown account, a wrong 2FA code, attempts on a locked
/// account), never correct ones: many people share one address (a ward office's egress, a mobile
/// carrier's CGNAT), so an address alone must never refuse someone who knows their password.
/// Three counters per minute: per account (a guesser spread over many addresses), per account and
/// address, and a generous ceiling of failures per address (a sprayer trying one password on many
/// accounts). Identity's lockout stays on top. Per node, like the other rate limits.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, RateLimitOptions limits)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int PruneAbove = 50_000;

    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    /// <summary>True when a further attempt on this account from this address must wait.</summary>
    public bool IsThrottled(string account, string? address)
    {
        var now = clock.GetUtcNow();
        var (accountKey, pairKey, addressKey) = Keys(account, address);
        return Count(accountKey, now) >= limits.SignInFailuresPerAccount
            || Count(pairKey, now) >= limits.SignInFailuresPerAccountAndAddress
            || Count(addressKey, now) >= limits.SignInFailuresPerAddress;
    }

    public void RecordFailure(string account, string? address)
    {
        var now = clock.GetUtcNow();
        if (counters.Count > PruneAbove)
        {
            foreach (var (key, counter) in counters)
            {
                if (now - counter.Start >= Window)
                {
                    counters.TryRemove(key, out _);
                }
            }
        }

        var (accountKey, pairKey, addressKey) = Keys(account, address);
        foreach (var key in new[] { accountKey, pairKey, addressKey })
        {
            counters.AddOrUpdate(key, _ => new Counter(now, 1), (_, c) => now - c.Start >= Window ? new Counter(now, 1) : c with { Failures = c.Failures + 1 });
        }
    }

    private int Count(string key, DateTimeOffset now) =>
        counters.TryGetValue(key, out var c) && now - c.Start < Window ? c.Failures : 0;

    private static (string Account, string Pair, string Address) Keys(string account, string? address)
    {
        var a = account.Trim().ToUpperInvariant();
        var ip = address ?? "unknown";
        return ("a:" + a, "p:" + a + "|" + ip, "i:" + ip);
    }

    private sealed record Counter(DateTimeOffset Start, int Failures);
}
