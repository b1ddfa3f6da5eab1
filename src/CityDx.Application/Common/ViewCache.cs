using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace CityDx.Application.Common;

/// <summary>
/// What a page shows that may be a few seconds old, kept per node in memory: a queue's counts per
/// state, colleagues, procedure and unit names and workflows, a dashboard built from the roll-ups
/// (docs/performance.md). Each caller says for how long (0: not kept). Any change an admin posts on
/// this node forgets everything at once (<see cref="ForgetAll"/>); other nodes within the entry's
/// lifetime. Only what is shown comes from here: a change of state always reads the database.
/// </summary>
public sealed class ViewCache(IMemoryCache cache, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _loading = new(StringComparer.Ordinal);
    private long _generation;

    public async Task<T> GetAsync<T>(string key, int seconds, Func<Task<T>> load)
    {
        if (seconds <= 0)
        {
            return await load();
        }

        var now = clock.GetUtcNow();
        var fullKey = $"view:{Interlocked.Read(ref _generation)}:{key}";
        if (cache.TryGetValue(fullKey, out Entry<T>? entry) && entry!.Until > now)
        {
            return entry.Value;
        }

        // One load per key at a time: requests arriving while it runs wait for it instead of each
        // building the same page (a dashboard's expiry under load would otherwise start one build per
        // waiting analyst). If that load fails (its request was cancelled), a waiter loads for itself.
        var mine = new Lazy<Task<object?>>(async () => await load());
        var loading = _loading.GetOrAdd(fullKey, mine);
        try
        {
            var value = (T)(await loading.Value)!;
            if (loading == mine)
            {
                // The entry's own expiry (real time) frees the memory; the injected clock decides freshness.
                cache.Set(fullKey, new Entry<T>(value, now.AddSeconds(seconds)), TimeSpan.FromSeconds(seconds));
            }

            return value;
        }
        catch (Exception) when (loading != mine)
        {
            return await load();
        }
        finally
        {
            if (loading == mine)
            {
                _loading.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(fullKey, mine));
            }
        }
    }

    /// <summary>An admin changed procedures, forms, workflows or staff-time standards: every page reads afresh.</summary>
    public void ForgetAll() => Interlocked.Increment(ref _generation);

    private sealed record Entry<T>(T Value, DateTimeOffset Until);
}
