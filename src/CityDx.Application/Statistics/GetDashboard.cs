using System.Globalization;
using CityDx.Application.Administration;
using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;
using CityDx.Domain.Statistics;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Statistics;

/// <summary>
/// ダッシュボード: the KPIs of a period (JST dates) for analysts and admins (an affiliated body's admin:
/// its own procedures) and staff (their own units), optionally of one procedure, unit and channel.
/// Everything but the backlog is read from the roll-ups (<see cref="RefreshKpiRollups"/>), whose
/// refresh time the page shows; the backlog and "overdue now" are counted live from the open cases
/// through the <c>IX_cases_backlog</c> index. Each table is a chart's accessible alternative and
/// its CSV.
/// </summary>
public static class GetDashboard
{
    public const int MaxMonths = 36;

    /// <summary>Age bands of the backlog, in business days since filing (upper bounds; the last is open).</summary>
    public static readonly int[] AgeBands = [5, 10, 20];

    /// <param name="From">The first month (any day of it; JST).</param>
    /// <param name="To">The last month (any day of it).</param>
    public sealed record Query(DateOnly? From = null, DateOnly? To = null, Guid? ProcedureId = null, Guid? UnitId = null, Channel? Channel = null) : IQuery<Dashboard>;

    public sealed record Option(Guid Id, string Name);

    public sealed record Tile(string Key, string Label, Cell Value);

    public sealed record Dashboard(
        DateOnly From, DateOnly To, DateTimeOffset? RefreshedAt, IReadOnlyList<Option> Procedures, IReadOnlyList<Option> Units,
        IReadOnlyList<Tile> Tiles, IReadOnlyList<DashboardTable> Tables)
    {
        public DashboardTable Table(string key) => Tables.Single(t => t.Key == key);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage(_ => l["Kpi.ToBeforeFrom"]);
            RuleFor(q => q.From).Must((q, from) => from!.Value.AddMonths(MaxMonths) > q.To!.Value)
                .When(q => q.From is not null && q.To is not null && q.To >= q.From).WithMessage(_ => l["Kpi.PeriodTooLong"]);
            RuleFor(q => q.Channel).IsInEnum();
        }
    }

    /// <summary>What the user may see: every procedure and unit, or some.</summary>
    private sealed record Scope(IReadOnlyList<Guid>? Procedures, IReadOnlyList<Guid>? Units);

    private sealed record Row(int Month, Guid ProcedureId, Guid UnitId, Channel Channel, long Filed = 0, long Corrected = 0, long Approved = 0, long Rejected = 0, long Withdrawn = 0, long WithinSla = 0);

    public sealed class Handler(
        CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, IStringLocalizer<SharedResource> l, ViewCache cache, StatisticsOptions options)
        : IQueryHandler<Query, Dashboard>
    {
        public async ValueTask<Dashboard> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var today = JapanTime.DateOf(clock.GetUtcNow());
            var scope = await ScopeAsync(userId, cancellationToken);
            var refreshedAt = await db.KpiRollupState.AsNoTracking().Select(s => s.RefreshedAt).FirstOrDefaultAsync(cancellationToken);

            // The same dashboard for everyone with this scope, filter and language until the roll-ups
            // are refreshed; the live parts (backlog, overdue now) at most DashboardCacheSeconds old.
            static string Ids(IReadOnlyList<Guid>? ids) => ids is null ? "all" : string.Join(',', ids.Order());
            var key = $"dashboard:{Ids(scope.Procedures)}:{Ids(scope.Units)}:{query}:{CultureInfo.CurrentUICulture.Name}:{user.PrefersEnglish}:{today}:{refreshedAt?.UtcTicks}";
            return await cache.GetAsync(key, options.DashboardCacheSeconds, () => BuildAsync(query, scope, today, refreshedAt, cancellationToken));
        }

        private async Task<Dashboard> BuildAsync(Query query, Scope scope, DateOnly today, DateTimeOffset? refreshedAt, CancellationToken cancellationToken)
        {
            var to = FirstOfMonth(query.To ?? today);
            var from = FirstOfMonth(query.From ?? to.AddMonths(-11));
            int fromKey = KpiMonth.MonthKey(from), toKey = KpiMonth.MonthKey(to);
            var english = user.PrefersEnglish;

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
            var procedureName = procedures.ToDictionary(p => p.Id, p => p.Name);
            var unitName = units.ToDictionary(u => u.Id, u => u.Name);

            // Each breakdown summed by the database, so only a few hundred rows come back whatever the case count.
            var kpi = Filter(db.KpiMonths.AsNoTracking().Where(d => d.Month >= fromKey && d.Month <= toKey), scope, query);
            var standards = await db.StaffTimeStandards.AsNoTracking().ToDictionaryAsync(s => s.ProcedureId, cancellationToken);
            var withStandard = standards.Keys.ToList();
            var byMonth = await SumAsync(kpi, d => new { d.Month, d.Channel }, k => new Row(k.Month, Guid.Empty, Guid.Empty, k.Channel), cancellationToken);
            var byProcedure = await SumAsync(kpi, d => new { d.ProcedureId, d.Channel }, k => new Row(0, k.ProcedureId, Guid.Empty, k.Channel), cancellationToken);
            var byUnit = await SumAsync(kpi, d => new { d.UnitId, d.Channel }, k => new Row(0, Guid.Empty, k.UnitId, k.Channel), cancellationToken);
            var saving = await SumAsync(kpi.Where(d => withStandard.Contains(d.ProcedureId)), d => new { d.Month, d.ProcedureId, d.Channel },
                k => new Row(k.Month, k.ProcedureId, Guid.Empty, k.Channel), cancellationToken);

            // The histogram at the smallest grain that still has the dimensions filtered on.
            var unitLimited = scope.Units is not null || query.UnitId is not null;
            var procedureLimited = scope.Procedures is not null || query.ProcedureId is not null;
            IQueryable<KpiProcessingDays> Processing(int grain) =>
                Filter(db.KpiProcessingDays.AsNoTracking().Where(d => d.Grain == grain && d.Month >= fromKey && d.Month <= toKey), scope, query);
            var histogramAll = (await Processing(!unitLimited ? KpiProcessingDays.ProcedureGrain : !procedureLimited ? KpiProcessingDays.UnitGrain : KpiProcessingDays.FullGrain)
                .GroupBy(d => d.BusinessDays).Select(g => new { Days = g.Key, Cases = g.Sum(d => (long)d.Cases) }).ToListAsync(cancellationToken))
                .Select(x => (Guid.Empty, Guid.Empty, x.Days, x.Cases)).ToList();
            var histogramByProcedure = (await Processing(!unitLimited ? KpiProcessingDays.ProcedureGrain : KpiProcessingDays.FullGrain)
                .GroupBy(d => new { d.ProcedureId, d.BusinessDays }).Select(g => new { g.Key, Cases = g.Sum(d => (long)d.Cases) }).ToListAsync(cancellationToken))
                .Select(x => (x.Key.ProcedureId, Guid.Empty, x.Key.BusinessDays, x.Cases)).ToList();
            var histogramByUnit = (await Processing(!procedureLimited ? KpiProcessingDays.UnitGrain : KpiProcessingDays.FullGrain)
                .GroupBy(d => new { d.UnitId, d.BusinessDays }).Select(g => new { g.Key, Cases = g.Sum(d => (long)d.Cases) }).ToListAsync(cancellationToken))
                .Select(x => (Guid.Empty, x.Key.UnitId, x.Key.BusinessDays, x.Cases)).ToList();

            var workflows = procedures.ToDictionary(p => p.Id, p => CaseWorkflow.FromJson(p.WorkflowJson));
            var tables = new List<DashboardTable>
            {
                Monthly(byMonth, fromKey, toKey),
                Breakdown("procedures", l["Kpi.ByProcedure"], l["Case.Procedure"], byProcedure, histogramByProcedure, r => r.ProcedureId, h => h.ProcedureId, procedureName),
                Breakdown("units", l["Kpi.ByUnit"], l["Queue.Unit"], byUnit, histogramByUnit, r => r.UnitId, h => h.UnitId, unitName),
                await BacklogAsync(scope, query, workflows, today, cancellationToken),
                await FunnelAsync(scope, query, fromKey, toKey, cancellationToken),
                TimeSaved(saving, standards, query.ProcedureId, fromKey, toKey),
                TimeSavedByProcedure(saving, standards, procedureName),
            };

            var tiles = Tiles(byMonth, histogramAll, tables);
            return new Dashboard(from, to, refreshedAt,
                [.. procedures.Select(p => new Option(p.Id, p.Name))], [.. units.Select(u => new Option(u.Id, u.Name))], tiles, tables);
        }

        private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

        /// <summary>The roll-up summed by a key (months, procedures or units, with channels), as rows.</summary>
        private static async Task<List<Row>> SumAsync<TKey>(IQueryable<KpiMonth> kpi, System.Linq.Expressions.Expression<Func<KpiMonth, TKey>> key, Func<TKey, Row> row, CancellationToken cancellationToken) =>
            [.. (await kpi.GroupBy(key)
                .Select(g => new
                {
                    g.Key, Filed = g.Sum(d => (long)d.Filed), Corrected = g.Sum(d => (long)d.CorrectionRequested), Approved = g.Sum(d => (long)d.Approved),
                    Rejected = g.Sum(d => (long)d.Rejected), Withdrawn = g.Sum(d => (long)d.Withdrawn), WithinSla = g.Sum(d => (long)d.DecidedWithinSla),
                })
                .ToListAsync(cancellationToken))
                .Select(x => row(x.Key) with { Filed = x.Filed, Corrected = x.Corrected, Approved = x.Approved, Rejected = x.Rejected, Withdrawn = x.Withdrawn, WithinSla = x.WithinSla })];

        private async Task<Scope> ScopeAsync(string userId, CancellationToken cancellationToken)
        {
            if (user.IsInRole(Roles.Analyst))
            {
                return new Scope(null, null);
            }

            if (user.IsInRole(Roles.Admin))
            {
                var adminUnits = await db.UnitsOfAsync(userId, cancellationToken);
                return adminUnits is null
                    ? new Scope(null, null)
                    : new Scope(await db.Procedures.AsNoTracking().ManageableBy(adminUnits).Select(p => p.Id).ToListAsync(cancellationToken), null);
            }

            // Staff and approvers: the units they belong to.
            var mine = await db.StaffMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.OrganisationUnitId).ToListAsync(cancellationToken);
            return new Scope(null, mine);
        }

        private static IQueryable<T> Filter<T>(IQueryable<T> days, Scope scope, Query query)
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

        private static string MonthLabel(int month) => $"{month / 100:D4}-{month % 100:D2}";

        private static IEnumerable<int> Months(int from, int to)
        {
            for (var m = from; m <= to; m = KpiMonth.NextMonth(m))
            {
                yield return m;
            }
        }

        private DashboardTable Monthly(List<Row> rows, int from, int to)
        {
            var byMonth = rows.ToLookup(r => r.Month);
            var lines = Months(from, to).Select(m =>
            {
                var month = byMonth[m].ToList();
                long Of(Channel c) => month.Where(r => r.Channel == c).Sum(r => r.Filed);
                var filed = month.Sum(r => r.Filed);
                return (IReadOnlyList<Cell>)[Cell.Of(MonthLabel(m)), Cell.Count(filed), Cell.Count(Of(Channel.Online)), Cell.Count(Of(Channel.Counter)), Cell.Count(Of(Channel.Mail)),
                    Cell.Rate(Of(Channel.Online), filed)];
            }).ToList();
            return new DashboardTable("monthly", l["Kpi.Monthly"],
                [l["Kpi.Month"], l["Kpi.Filed"], l["Channel.Online"], l["Channel.Counter"], l["Channel.Mail"], l["Kpi.OnlineRate"]], lines);
        }

        private DashboardTable Breakdown(string key, string caption, string first, List<Row> rows, List<(Guid ProcedureId, Guid UnitId, int BusinessDays, long Cases)> histogram,
            Func<Row, Guid> by, Func<(Guid ProcedureId, Guid UnitId, int BusinessDays, long Cases), Guid> histogramBy, Dictionary<Guid, string> names)
        {
            var lines = rows.GroupBy(by)
                .Select(g => (Name: names.GetValueOrDefault(g.Key, "?"), Cells: Line(g.ToList(), histogram.Where(h => histogramBy(h) == g.Key))))
                .OrderBy(x => x.Name, StringComparer.Ordinal)
                .Select(x => (IReadOnlyList<Cell>)[Cell.Of(x.Name), .. x.Cells])
                .ToList();
            return new DashboardTable(key, caption,
                [first, l["Kpi.Filed"], l["Channel.Online"], l["Channel.Counter"], l["Channel.Mail"], l["Kpi.OnlineRate"], l["Kpi.Decided"],
                 l["Kpi.Median"], l["Kpi.P90"], l["Kpi.SlaRate"], l["Kpi.CorrectionRate"], l["Kpi.WithdrawalRate"], l["Kpi.RejectionRate"]], lines);
        }

        private static List<Cell> Line(List<Row> rows, IEnumerable<(Guid ProcedureId, Guid UnitId, int BusinessDays, long Cases)> histogram)
        {
            var h = histogram.Select(x => (x.BusinessDays, x.Cases)).ToList();
            long Of(Channel c) => rows.Where(r => r.Channel == c).Sum(r => r.Filed);
            var filed = rows.Sum(r => r.Filed);
            var approved = rows.Sum(r => r.Approved);
            var rejected = rows.Sum(r => r.Rejected);
            var withdrawn = rows.Sum(r => r.Withdrawn);
            return
            [
                Cell.Count(filed), Cell.Count(Of(Channel.Online)), Cell.Count(Of(Channel.Counter)), Cell.Count(Of(Channel.Mail)), Cell.Rate(Of(Channel.Online), filed),
                Cell.Count(approved + rejected + withdrawn),
                Cell.Days(Percentiles.Of(h, 0.5)), Cell.Days(Percentiles.Of(h, 0.9)),
                Cell.Rate(rows.Sum(r => r.WithinSla), approved + rejected),
                Cell.Rate(rows.Sum(r => r.Corrected), filed),
                Cell.Rate(withdrawn, approved + rejected + withdrawn),
                Cell.Rate(rejected, approved + rejected),
            ];
        }

        /// <summary>Open cases now by state and age (business days since filing), and how many are overdue; counted live.</summary>
        private async Task<DashboardTable> BacklogAsync(Scope scope, Query query, Dictionary<Guid, CaseWorkflow> workflows, DateOnly today, CancellationToken cancellationToken)
        {
            var openCodes = workflows.Values.Append(CaseWorkflow.Default)
                .SelectMany(w => w.States.Where(s => !s.Terminal && s.Outcome == Outcome.None).Select(s => s.Code))
                .Distinct().ToList();
            var bands = AgeBands.Select(d => RefreshKpiRollups.JstMidnight(FiledOnOrAfterForAge(today, d))).ToArray();
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
            var groups = await cases
                .GroupBy(c => new { c.ProcedureId, c.Status })
                .Select(g => new
                {
                    g.Key.ProcedureId, g.Key.Status, Total = g.Count(),
                    Band0 = g.Count(c => c.SubmittedAt >= b0), Band1 = g.Count(c => c.SubmittedAt >= b1), Band2 = g.Count(c => c.SubmittedAt >= b2),
                    Overdue = g.Count(c => c.DueDate < today),
                })
                .ToListAsync(cancellationToken);

            var lines = groups
                .Where(g => workflows.GetValueOrDefault(g.ProcedureId, CaseWorkflow.Default).State(g.Status) is { Terminal: false, Outcome: Outcome.None })
                .Select(g => (g.Status, g.Total, g.Band0, g.Band1, g.Band2,
                    Overdue: workflows.GetValueOrDefault(g.ProcedureId, CaseWorkflow.Default).State(g.Status)!.ClockRuns ? g.Overdue : 0,
                    Label: StateName(workflows.GetValueOrDefault(g.ProcedureId, CaseWorkflow.Default), g.Status)))
                .GroupBy(g => g.Label)
                .Select(g => new { Label = g.Key, Order = StateOrder(g.First().Status), Total = g.Sum(x => x.Total), B0 = g.Sum(x => x.Band0), B1 = g.Sum(x => x.Band1), B2 = g.Sum(x => x.Band2), Overdue = g.Sum(x => x.Overdue) })
                .OrderBy(g => g.Order).ThenBy(g => g.Label, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<Cell>)[Cell.Of(g.Label), Cell.Count(g.Total), Cell.Count(g.B0), Cell.Count(g.B1 - g.B0), Cell.Count(g.B2 - g.B1), Cell.Count(g.Total - g.B2), Cell.Count(g.Overdue)])
                .ToList();
            return new DashboardTable("backlog", l["Kpi.Backlog"],
                [l["Case.Status"], l["Kpi.Open"], l["Kpi.Age0"], l["Kpi.Age1"], l["Kpi.Age2"], l["Kpi.Age3"], l["Kpi.OverdueNow"]], lines);
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

        private static int StateOrder(string code) => CaseStatus.BuiltIn.ToList() is var builtIn && builtIn.IndexOf(code) is var i and >= 0 ? i : builtIn.Count;

        private string StateName(CaseWorkflow workflow, string code) =>
            workflow.Label(code) is { NameJa: not null } label ? (user.PrefersEnglish ? label.NameEn ?? code : label.NameJa) : l[$"Status.Staff.{code}"];

        /// <summary>The online filing funnel of drafts started in the period (online only: the unit and channel filters do not apply).</summary>
        private async Task<DashboardTable> FunnelAsync(Scope scope, Query query, int from, int to, CancellationToken cancellationToken)
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
            long started = sums?.Started ?? 0, reached = sums?.Reached ?? 0, submitted = sums?.Submitted ?? 0;
            return new DashboardTable("funnel", l["Kpi.Funnel"], [l["Kpi.FunnelStep"], l["Kpi.Drafts"], l["Kpi.OfStarted"]],
            [
                [Cell.Of(l["Kpi.Started"]), Cell.Count(started), Cell.Rate(started, started)],
                [Cell.Of(l["Kpi.ReachedCheck"]), Cell.Count(reached), Cell.Rate(reached, started)],
                [Cell.Of(l["Kpi.Submitted"]), Cell.Count(submitted), Cell.Rate(submitted, started)],
                [Cell.Of(l["Kpi.Abandoned"]), Cell.Count(started - submitted), Cell.Rate(started - submitted, started)],
            ]);
        }

        /// <summary>
        /// Staff hours per month: as spent (counter and mail filings at the counter minutes, online ones at the
        /// online minutes), saved against everything at the counter, and saved cumulatively over the period; for
        /// one procedure, whether the month is before or after it went online.
        /// </summary>
        private DashboardTable TimeSaved(List<Row> rows, Dictionary<Guid, StaffTimeStandard> standards, Guid? procedureId, int from, int to)
        {
            var byMonth = rows.Where(r => standards.ContainsKey(r.ProcedureId)).ToLookup(r => r.Month);
            var since = procedureId is { } p && standards.TryGetValue(p, out var s) ? s.OnlineSince : null;
            decimal cumulative = 0;
            var lines = new List<IReadOnlyList<Cell>>();
            foreach (var m in Months(from, to))
            {
                decimal spent = 0, saved = 0;
                long online = 0;
                foreach (var r in byMonth[m])
                {
                    var standard = standards[r.ProcedureId];
                    var minutes = r.Channel == Channel.Online ? standard.OnlineMinutes : standard.CounterMinutes;
                    spent += r.Filed * minutes / 60m;
                    if (r.Channel == Channel.Online)
                    {
                        online += r.Filed;
                        saved += standard.HoursSaved(r.Filed);
                    }
                }

                cumulative += Math.Round(saved, 1, MidpointRounding.AwayFromZero);
                List<Cell> line = [Cell.Of(MonthLabel(m)), Cell.Count(online), Cell.Hours(spent), Cell.Hours(saved), Cell.Hours(cumulative)];
                if (since is { } start)
                {
                    line.Add(Cell.Of(KpiMonth.FirstDayOf(m).AddMonths(1) <= start ? l["Kpi.BeforeOnline"] : l["Kpi.AfterOnline"]));
                }

                lines.Add(line);
            }

            List<string> headers = [l["Kpi.Month"], l["Kpi.OnlineFilings"], l["Kpi.StaffHours"], l["Kpi.HoursSaved"], l["Kpi.HoursSavedCumulative"]];
            if (since is not null)
            {
                headers.Add(l["Kpi.Phase"]);
            }

            return new DashboardTable("time-saved", l["Kpi.TimeSaved"], headers, lines);
        }

        private DashboardTable TimeSavedByProcedure(List<Row> rows, Dictionary<Guid, StaffTimeStandard> standards, Dictionary<Guid, string> names)
        {
            var lines = rows.Where(r => standards.ContainsKey(r.ProcedureId))
                .GroupBy(r => r.ProcedureId)
                .Select(g =>
                {
                    var standard = standards[g.Key];
                    var online = g.Where(r => r.Channel == Channel.Online).Sum(r => r.Filed);
                    return (Name: names.GetValueOrDefault(g.Key, "?"), Cells: (IReadOnlyList<Cell>)[Cell.Of(names.GetValueOrDefault(g.Key, "?")),
                        Cell.Count(standard.CounterMinutes), Cell.Count(standard.OnlineMinutes),
                        Cell.Of(standard.OnlineSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"),
                        Cell.Count(online), Cell.Hours(standard.HoursSaved(online))]);
                })
                .OrderBy(x => x.Name, StringComparer.Ordinal)
                .Select(x => x.Cells)
                .ToList();
            return new DashboardTable("time-saved-procedures", l["Kpi.TimeSavedByProcedure"],
                [l["Case.Procedure"], l["StaffTime.CounterMinutes"], l["StaffTime.OnlineMinutes"], l["StaffTime.OnlineSince"], l["Kpi.OnlineFilings"], l["Kpi.HoursSaved"]], lines);
        }

        private List<Tile> Tiles(List<Row> rows, List<(Guid ProcedureId, Guid UnitId, int BusinessDays, long Cases)> histogram, List<DashboardTable> tables)
        {
            var overall = Line(rows, histogram);
            var backlog = tables.Single(t => t.Key == "backlog").Rows;
            // The period's cumulative hours saved, exactly as the time-saved table ends.
            var saved = tables.Single(t => t.Key == "time-saved").Rows is { Count: > 0 } months ? months[^1][4].Number ?? 0 : 0;
            return
            [
                new("filed", l["Kpi.Filed"], overall[0]),
                new("online-rate", l["Kpi.OnlineRate"], overall[4]),
                new("median", l["Kpi.MedianDays"], overall[6]),
                new("p90", l["Kpi.P90Days"], overall[7]),
                new("sla", l["Kpi.SlaRate"], overall[8]),
                new("open", l["Kpi.Open"], Cell.Count(backlog.Sum(r => (long)r[1].Number!.Value))),
                new("overdue", l["Kpi.OverdueNow"], Cell.Count(backlog.Sum(r => (long)r[6].Number!.Value))),
                new("correction-rate", l["Kpi.CorrectionRate"], overall[9]),
                new("withdrawal-rate", l["Kpi.WithdrawalRate"], overall[10]),
                new("rejection-rate", l["Kpi.RejectionRate"], overall[11]),
                new("hours-saved", l["Kpi.HoursSaved"], Cell.Hours(saved)),
            ];
        }
    }
}
