using System.Linq.Expressions;
using CityDx.Application.Administration;
using CityDx.Application.Common;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;
using CityDx.Domain.Statistics;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Statistics;

/// <summary>The roll-up summed for one key: a month, a procedure or a unit (the others empty), with its channel.</summary>
public sealed record KpiSums(int Month, Guid ProcedureId, Guid UnitId, Channel Channel, long Filed = 0, long Corrected = 0, long Approved = 0, long Rejected = 0, long Withdrawn = 0, long WithinSla = 0);

/// <summary>Cases decided after this many business days, for a procedure or a unit (or neither: all).</summary>
public sealed record ProcessingDaysCount(Guid ProcedureId, Guid UnitId, int BusinessDays, long Cases);

/// <summary>Open cases of a procedure in a state now: all, those filed within each age band (<see cref="GetDashboard.AgeBands"/>), those overdue.</summary>
public sealed record BacklogCount(Guid ProcedureId, string Status, int Total, int Band0, int Band1, int Band2, int Overdue);

/// <summary>Drafts started in the period, those that reached 確認, those sent.</summary>
public sealed record FunnelSums(long Started, long Reached, long Submitted);

/// <summary>What the user may see: every procedure and unit (null), or some.</summary>
public sealed record DashboardScope(IReadOnlyList<Guid>? Procedures, IReadOnlyList<Guid>? Units);

/// <summary>Everything the dashboard's tables are built from (<see cref="DashboardTableBuilder"/>), as read for one scope and filter.</summary>
public sealed record DashboardData(
    int FromMonth,
    int ToMonth,
    Guid? ProcedureId,
    IReadOnlyList<KpiSums> ByMonth,
    IReadOnlyList<KpiSums> ByProcedure,
    IReadOnlyList<KpiSums> ByUnit,
    IReadOnlyList<KpiSums> Saving,
    IReadOnlyList<ProcessingDaysCount> HistogramAll,
    IReadOnlyList<ProcessingDaysCount> HistogramByProcedure,
    IReadOnlyList<ProcessingDaysCount> HistogramByUnit,
    IReadOnlyList<BacklogCount> Backlog,
    FunnelSums Funnel,
    IReadOnlyDictionary<Guid, StaffTimeStandard> Standards,
    IReadOnlyDictionary<Guid, string> ProcedureNames,
    IReadOnlyDictionary<Guid, string> UnitNames,
    IReadOnlyDictionary<Guid, CaseWorkflow> Workflows);

/// <summary>
/// The dashboard's reads. Each breakdown is summed by the database, so only a few hundred rows come back
/// whatever the number of cases; only the backlog reads cases (open ones, through <c>IX_cases_backlog</c>).
/// </summary>
public sealed class DashboardQueries(CityDxDbContext db, BusinessCalendar calendar)
{
    /// <summary>Analysts and city admins: everything; an affiliated body's admin: its procedures; staff and approvers: their units.</summary>
    public async Task<DashboardScope> ScopeAsync(ICurrentUser user, string userId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Analyst))
        {
            return new DashboardScope(null, null);
        }

        if (user.IsInRole(Roles.Admin))
        {
            var adminUnits = await db.UnitsOfAsync(userId, cancellationToken);
            return adminUnits is null
                ? new DashboardScope(null, null)
                : new DashboardScope(await db.Procedures.AsNoTracking().ManageableBy(adminUnits).Select(p => p.Id).ToListAsync(cancellationToken), null);
        }

        // Staff and approvers: the units they belong to.
        var mine = await db.StaffMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.OrganisationUnitId).ToListAsync(cancellationToken);
        return new DashboardScope(null, mine);
    }

    public Task<DateTimeOffset?> RefreshedAtAsync(CancellationToken cancellationToken) =>
        db.KpiRollupState.AsNoTracking().Select(s => s.RefreshedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every number of the months <paramref name="fromKey"/> to <paramref name="toKey"/>, and the live backlog of <paramref name="today"/>.</summary>
    public async Task<(DashboardData Data, IReadOnlyList<GetDashboard.Option> Procedures, IReadOnlyList<GetDashboard.Option> Units)> ReadAsync(
        GetDashboard.Query query, DashboardScope scope, int fromKey, int toKey, DateOnly today, bool english, CancellationToken cancellationToken)
    {
        var procedures = await db.Procedures.AsNoTracking()
            .Where(p => scope.Procedures == null || scope.Procedures.Contains(p.Id))
            .OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, Name = english ? p.NameEn : p.NameJa, p.WorkflowJson })
            .ToListAsync(cancellationToken);
        var units = await db.OrganisationUnits.AsNoTracking()
            .Where(u => scope.Units == null || scope.Units.Contains(u.Id))
            .OrderBy(u => u.Code)
            .Select(u => new { u.Id, Name = english ? u.NameEn : u.NameJa })
            .ToListAsync(cancellationToken);

        var kpi = Filter(db.KpiMonths.AsNoTracking().Where(d => d.Month >= fromKey && d.Month <= toKey), scope, query);
        var standards = await db.StaffTimeStandards.AsNoTracking().ToDictionaryAsync(s => s.ProcedureId, cancellationToken);
        var withStandard = standards.Keys.ToList();
        var byMonth = await SumAsync(kpi, d => new { d.Month, d.Channel }, k => new KpiSums(k.Month, Guid.Empty, Guid.Empty, k.Channel), cancellationToken);
        var byProcedure = await SumAsync(kpi, d => new { d.ProcedureId, d.Channel }, k => new KpiSums(0, k.ProcedureId, Guid.Empty, k.Channel), cancellationToken);
        var byUnit = await SumAsync(kpi, d => new { d.UnitId, d.Channel }, k => new KpiSums(0, Guid.Empty, k.UnitId, k.Channel), cancellationToken);
        var saving = await SumAsync(kpi.Where(d => withStandard.Contains(d.ProcedureId)), d => new { d.Month, d.ProcedureId, d.Channel },
            k => new KpiSums(k.Month, k.ProcedureId, Guid.Empty, k.Channel), cancellationToken);

        // The histogram at the smallest grain that still has the dimensions filtered on.
        var unitLimited = scope.Units is not null || query.UnitId is not null;
        var procedureLimited = scope.Procedures is not null || query.ProcedureId is not null;
        IQueryable<KpiProcessingDays> Processing(int grain) =>
            Filter(db.KpiProcessingDays.AsNoTracking().Where(d => d.Grain == grain && d.Month >= fromKey && d.Month <= toKey), scope, query);
        var histogramAll = (await Processing(!unitLimited ? KpiProcessingDays.ProcedureGrain : !procedureLimited ? KpiProcessingDays.UnitGrain : KpiProcessingDays.FullGrain)
            .GroupBy(d => d.BusinessDays).Select(g => new { Days = g.Key, Cases = g.Sum(d => (long)d.Cases) }).ToListAsync(cancellationToken))
            .Select(x => new ProcessingDaysCount(Guid.Empty, Guid.Empty, x.Days, x.Cases)).ToList();
        var histogramByProcedure = (await Processing(!unitLimited ? KpiProcessingDays.ProcedureGrain : KpiProcessingDays.FullGrain)
            .GroupBy(d => new { d.ProcedureId, d.BusinessDays }).Select(g => new { g.Key, Cases = g.Sum(d => (long)d.Cases) }).ToListAsync(cancellationToken))
            .Select(x => new ProcessingDaysCount(x.Key.ProcedureId, Guid.Empty, x.Key.BusinessDays, x.Cases)).ToList();
        var histogramByUnit = (await Processing(!procedureLimited ? KpiProcessingDays.UnitGrain : KpiProcessingDays.FullGrain)
            .GroupBy(d => new { d.UnitId, d.BusinessDays }).Select(g => new { g.Key, Cases = g.Sum(d => (long)d.Cases) }).ToListAsync(cancellationToken))
            .Select(x => new ProcessingDaysCount(Guid.Empty, x.Key.UnitId, x.Key.BusinessDays, x.Cases)).ToList();

        var workflows = procedures.ToDictionary(p => p.Id, p => CaseWorkflow.FromJson(p.WorkflowJson));
        var data = new DashboardData(fromKey, toKey, query.ProcedureId, byMonth, byProcedure, byUnit, saving, histogramAll, histogramByProcedure, histogramByUnit,
            await BacklogAsync(scope, query, workflows, today, cancellationToken),
            await FunnelAsync(scope, query, fromKey, toKey, cancellationToken),
            standards, procedures.ToDictionary(p => p.Id, p => p.Name), units.ToDictionary(u => u.Id, u => u.Name), workflows);
        return (data, [.. procedures.Select(p => new GetDashboard.Option(p.Id, p.Name))], [.. units.Select(u => new GetDashboard.Option(u.Id, u.Name))]);
    }

    /// <summary>The roll-up summed by a key (months, procedures or units, with channels), as rows.</summary>
    private static async Task<List<KpiSums>> SumAsync<TKey>(IQueryable<KpiMonth> kpi, Expression<Func<KpiMonth, TKey>> key, Func<TKey, KpiSums> row, CancellationToken cancellationToken) =>
        [.. (await kpi.GroupBy(key)
            .Select(g => new
            {
                g.Key, Filed = g.Sum(d => (long)d.Filed), Corrected = g.Sum(d => (long)d.CorrectionRequested), Approved = g.Sum(d => (long)d.Approved),
                Rejected = g.Sum(d => (long)d.Rejected), Withdrawn = g.Sum(d => (long)d.Withdrawn), WithinSla = g.Sum(d => (long)d.DecidedWithinSla),
            })
            .ToListAsync(cancellationToken))
            .Select(x => row(x.Key) with { Filed = x.Filed, Corrected = x.Corrected, Approved = x.Approved, Rejected = x.Rejected, Withdrawn = x.Withdrawn, WithinSla = x.WithinSla })];

    private static IQueryable<T> Filter<T>(IQueryable<T> days, DashboardScope scope, GetDashboard.Query query)
        where T : IKpiCell
    {
        if (scope.Procedures is { } procedures)
        {
            days = days.Where(d => procedures.Contains(d.ProcedureId));
        }

        if (scope.Units is { } units)
        {
            days = days.Where(d => units.Contains(d.UnitId));
        }

        if (query.ProcedureId is { } procedure)
        {
            days = days.Where(d => d.ProcedureId == procedure);
        }

        if (query.UnitId is { } unit)
        {
            days = days.Where(d => d.UnitId == unit);
        }

        return query.Channel is { } channel ? days.Where(d => d.Channel == channel) : days;
    }

    /// <summary>Open cases now by procedure and state, with their age bands and how many are overdue; counted live.</summary>
    private async Task<List<BacklogCount>> BacklogAsync(DashboardScope scope, GetDashboard.Query query, Dictionary<Guid, CaseWorkflow> workflows, DateOnly today, CancellationToken cancellationToken)
    {
        var openCodes = workflows.Values.Append(CaseWorkflow.Default)
            .SelectMany(w => w.States.Where(s => !s.Terminal && s.Outcome == Outcome.None).Select(s => s.Code))
            .Distinct().ToList();
        var bands = GetDashboard.AgeBands.Select(d => RefreshKpiRollups.JstMidnight(FiledOnOrAfterForAge(today, d))).ToArray();
        IQueryable<Case> cases = db.Cases.AsNoTracking().Where(c => openCodes.Contains(c.Status));
        if (scope.Procedures is { } procedures)
        {
            cases = cases.Where(c => procedures.Contains(c.ProcedureId));
        }

        if (scope.Units is { } units)
        {
            cases = cases.Where(c => units.Contains(c.OrganisationUnitId));
        }

        if (query.ProcedureId is { } procedure)
        {
            cases = cases.Where(c => c.ProcedureId == procedure);
        }

        if (query.UnitId is { } unit)
        {
            cases = cases.Where(c => c.OrganisationUnitId == unit);
        }

        if (query.Channel is { } channel)
        {
            cases = cases.Where(c => c.Channel == channel);
        }

        DateTimeOffset b0 = bands[0], b1 = bands[1], b2 = bands[2];
        return (await cases
            .GroupBy(c => new { c.ProcedureId, c.Status })
            .Select(g => new
            {
                g.Key.ProcedureId,
                g.Key.Status,
                Total = g.Count(),
                Band0 = g.Count(c => c.SubmittedAt >= b0),
                Band1 = g.Count(c => c.SubmittedAt >= b1),
                Band2 = g.Count(c => c.SubmittedAt >= b2),
                Overdue = g.Count(c => c.DueDate < today),
            })
            .ToListAsync(cancellationToken))
            .Select(g => new BacklogCount(g.ProcedureId, g.Status, g.Total, g.Band0, g.Band1, g.Band2, g.Overdue))
            .ToList();
    }

    /// <summary>The earliest filing date (JST) of a case at most <paramref name="businessDays"/> business days old today.</summary>
    private DateOnly FiledOnOrAfterForAge(DateOnly today, int businessDays)
    {
        var day = today;
        while (calendar.CountBusinessDays(day.AddDays(-1), today) <= businessDays)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>The online filing funnel of drafts started in the period (online only: the unit and channel filters do not apply).</summary>
    private async Task<FunnelSums> FunnelAsync(DashboardScope scope, GetDashboard.Query query, int from, int to, CancellationToken cancellationToken)
    {
        var funnel = db.KpiFunnelMonths.AsNoTracking().Where(d => d.Month >= from && d.Month <= to);
        if (scope.Procedures is { } procedures)
        {
            funnel = funnel.Where(d => procedures.Contains(d.ProcedureId));
        }

        if (query.ProcedureId is { } procedure)
        {
            funnel = funnel.Where(d => d.ProcedureId == procedure);
        }

        var online = query.Channel is null or Channel.Online;
        var sums = online
            ? await funnel.GroupBy(d => 1).Select(g => new { Started = g.Sum(d => (long)d.Started), Reached = g.Sum(d => (long)d.ReachedCheckAnswers), Submitted = g.Sum(d => (long)d.Submitted) })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return new FunnelSums(sums?.Started ?? 0, sums?.Reached ?? 0, sums?.Submitted ?? 0);
    }
}
