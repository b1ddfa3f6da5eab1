using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CityDx.Application.Cases;

/// <summary>
/// What a queue view shows beside its page of cases, which may be a few seconds old: the procedures'
/// names and workflows and the units' names (read on every view, edited by an admin now and then),
/// the counts per state and the colleagues. Counting every open case of a large unit cost more than
/// the rest of a view (docs/performance.md). Per node, in memory, each entry for a few seconds
/// (<see cref="QueueOptions.ReferenceCacheSeconds"/>, <see cref="QueueOptions.CountsCacheSeconds"/>;
/// 0 turns it off); an admin change on this node forgets the reference data at once, other nodes
/// within the lifetime. Only what a view shows comes from here: a transition (one case or a batch)
/// always reads its procedure's workflow and the case from the database.
/// </summary>
public sealed class QueueCache(IMemoryCache cache, TimeProvider clock, QueueOptions options)
{
    private const string ReferenceKey = "queue:reference";

    /// <summary>Procedures (by code) with their workflows, and units, as a queue names them.</summary>
    public sealed record ReferenceData(
        ListQueue.Workflows Workflows, IReadOnlyList<ListQueue.ProcedureOption> Procedures, IReadOnlyDictionary<Guid, (string NameJa, string NameEn)> Units);

    public Task<ReferenceData> ReferenceAsync(CityDxDbContext db, CancellationToken cancellationToken) =>
        GetAsync(ReferenceKey, options.ReferenceCacheSeconds, async () =>
        {
            var procedures = await db.Procedures.AsNoTracking().OrderBy(p => p.Code)
                .Select(p => new { p.Id, p.NameJa, p.NameEn, p.WorkflowJson }).ToListAsync(cancellationToken);
            var units = await db.OrganisationUnits.AsNoTracking().Select(u => new { u.Id, u.NameJa, u.NameEn }).ToListAsync(cancellationToken);
            return new ReferenceData(
                new ListQueue.Workflows(procedures.ToDictionary(p => p.Id, p => CaseWorkflow.FromJson(p.WorkflowJson))),
                procedures.Select(p => new ListQueue.ProcedureOption(p.Id, p.NameJa, p.NameEn)).ToList(),
                units.ToDictionary(u => u.Id, u => (u.NameJa, u.NameEn)));
        });

    /// <summary>A view's counts per state or colleagues, under a key naming everything they depend on.</summary>
    public Task<T> ViewDataAsync<T>(string key, Func<Task<T>> load) => GetAsync("queue:view:" + key, options.CountsCacheSeconds, load);

    /// <summary>An admin changed procedures, forms or workflows: the next view reads them afresh.</summary>
    public void ForgetReferenceData() => cache.Remove(ReferenceKey);

    private async Task<T> GetAsync<T>(string key, int seconds, Func<Task<T>> load)
    {
        var now = clock.GetUtcNow();
        if (seconds > 0 && cache.TryGetValue(key, out Entry<T>? entry) && entry!.Until > now)
        {
            return entry.Value;
        }

        var value = await load();
        if (seconds > 0)
        {
            // The entry's own expiry (real time) frees the memory; the injected clock decides freshness.
            cache.Set(key, new Entry<T>(value, now.AddSeconds(seconds)), TimeSpan.FromSeconds(seconds));
        }

        return value;
    }

    private sealed record Entry<T>(T Value, DateTimeOffset Until);
}
