using System.Globalization;
using CityDx.Application.Cases;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;
using CityDx.Domain.Statistics;

namespace CityDx.Application.Statistics;

/// <summary>
/// Turns the numbers <see cref="DashboardQueries"/> read into the dashboard's tables and tiles: no database,
/// no clock, no request. Rates, percentiles and hours are rounded here once (<see cref="Cell"/>), so the page,
/// its charts and the CSV all show the same numbers.
/// </summary>
/// <param name="text">The string table (ja/en) by key, e.g. <c>"Kpi.Filed"</c>.</param>
/// <param name="english">Whether the reader reads English (names of states an admin added).</param>
public sealed class DashboardTableBuilder(Func<string, string> text, bool english)
{
    /// <summary>Every table of the dashboard, in page order, and the tiles above them.</summary>
    public (IReadOnlyList<DashboardTable> Tables, IReadOnlyList<GetDashboard.Tile> Tiles) Build(DashboardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<DashboardTable> tables =
        [
            Monthly(data.ByMonth, data.FromMonth, data.ToMonth),
            Breakdown("procedures", text("Kpi.ByProcedure"), text("Case.Procedure"), data.ByProcedure, data.HistogramByProcedure, r => r.ProcedureId, h => h.ProcedureId, data.ProcedureNames),
            Breakdown("units", text("Kpi.ByUnit"), text("Queue.Unit"), data.ByUnit, data.HistogramByUnit, r => r.UnitId, h => h.UnitId, data.UnitNames),
            Backlog(data.Backlog, data.Workflows),
            Funnel(data.Funnel),
            TimeSaved(data.Saving, data.Standards, data.ProcedureId, data.FromMonth, data.ToMonth),
            TimeSavedByProcedure(data.Saving, data.Standards, data.ProcedureNames),
        ];
        return (tables, Tiles(data.ByMonth, data.HistogramAll, tables));
    }

    public static string MonthLabel(int month) => $"{month / 100:D4}-{month % 100:D2}";

    private static IEnumerable<int> Months(int from, int to)
    {
        for (var m = from; m <= to; m = KpiMonth.NextMonth(m))
        {
            yield return m;
        }
    }

    /// <summary>Filings per month of the period (every month, empty ones too), by channel, and the online rate.</summary>
    public DashboardTable Monthly(IReadOnlyList<KpiSums> rows, int from, int to)
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
        return new DashboardTable("monthly", text("Kpi.Monthly"),
            [text("Kpi.Month"), text("Kpi.Filed"), text("Channel.Online"), text("Channel.Counter"), text("Channel.Mail"), text("Kpi.OnlineRate")], lines);
    }

    /// <summary>One line per procedure or unit (by name), with every KPI of <see cref="Line"/>.</summary>
    public DashboardTable Breakdown(string key, string caption, string first, IReadOnlyList<KpiSums> rows, IReadOnlyList<ProcessingDaysCount> histogram,
        Func<KpiSums, Guid> by, Func<ProcessingDaysCount, Guid> histogramBy, IReadOnlyDictionary<Guid, string> names)
    {
        var lines = rows.GroupBy(by)
            .Select(g => (Name: names.GetValueOrDefault(g.Key, "?"), Cells: Line(g.ToList(), histogram.Where(h => histogramBy(h) == g.Key))))
            .OrderBy(x => x.Name, StringComparer.Ordinal)
            .Select(x => (IReadOnlyList<Cell>)[Cell.Of(x.Name), .. x.Cells])
            .ToList();
        return new DashboardTable(key, caption,
            [first, text("Kpi.Filed"), text("Channel.Online"), text("Channel.Counter"), text("Channel.Mail"), text("Kpi.OnlineRate"), text("Kpi.Decided"),
             text("Kpi.Median"), text("Kpi.P90"), text("Kpi.SlaRate"), text("Kpi.CorrectionRate"), text("Kpi.WithdrawalRate"), text("Kpi.RejectionRate")], lines);
    }

    /// <summary>
    /// Filed, by channel, online rate, decided, median and 90th percentile business days, SLA achieved,
    /// correction, withdrawal and rejection rates (ADR 0013's definitions).
    /// </summary>
    public static List<Cell> Line(IReadOnlyList<KpiSums> rows, IEnumerable<ProcessingDaysCount> histogram)
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

    /// <summary>
    /// Open cases by state (named as each procedure's workflow names it; states of the same name add up) and age band;
    /// "overdue" only where the state's SLA clock runs. Built-in states first, in their order, then by name.
    /// </summary>
    public DashboardTable Backlog(IReadOnlyList<BacklogCount> groups, IReadOnlyDictionary<Guid, CaseWorkflow> workflows)
    {
        CaseWorkflow WorkflowOf(Guid procedureId) => workflows.GetValueOrDefault(procedureId, CaseWorkflow.Default);
        var lines = groups
            .Where(g => WorkflowOf(g.ProcedureId).State(g.Status) is { Terminal: false, Outcome: Outcome.None })
            .Select(g => (g.Status, g.Total, g.Band0, g.Band1, g.Band2,
                Overdue: WorkflowOf(g.ProcedureId).State(g.Status)!.ClockRuns ? g.Overdue : 0,
                Label: StateName(WorkflowOf(g.ProcedureId), g.Status)))
            .GroupBy(g => g.Label)
            .Select(g => new { Label = g.Key, Order = StateOrder(g.First().Status), Total = g.Sum(x => x.Total), B0 = g.Sum(x => x.Band0), B1 = g.Sum(x => x.Band1), B2 = g.Sum(x => x.Band2), Overdue = g.Sum(x => x.Overdue) })
            .OrderBy(g => g.Order).ThenBy(g => g.Label, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<Cell>)[Cell.Of(g.Label), Cell.Count(g.Total), Cell.Count(g.B0), Cell.Count(g.B1 - g.B0), Cell.Count(g.B2 - g.B1), Cell.Count(g.Total - g.B2), Cell.Count(g.Overdue)])
            .ToList();
        return new DashboardTable("backlog", text("Kpi.Backlog"),
            [text("Case.Status"), text("Kpi.Open"), text("Kpi.Age0"), text("Kpi.Age1"), text("Kpi.Age2"), text("Kpi.Age3"), text("Kpi.OverdueNow")], lines);
    }

    private static int StateOrder(string code) => CaseStatus.BuiltIn.ToList() is var builtIn && builtIn.IndexOf(code) is var i and >= 0 ? i : builtIn.Count;

    private string StateName(CaseWorkflow workflow, string code) =>
        workflow.Label(code) is { NameJa: not null } label ? (english ? label.NameEn ?? code : label.NameJa) : text($"Status.Staff.{code}");

    /// <summary>The online filing funnel: started, reached 確認, submitted, abandoned, each as a share of those started.</summary>
    public DashboardTable Funnel(FunnelSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var (started, reached, submitted) = sums;
        return new DashboardTable("funnel", text("Kpi.Funnel"), [text("Kpi.FunnelStep"), text("Kpi.Drafts"), text("Kpi.OfStarted")],
        [
            [Cell.Of(text("Kpi.Started")), Cell.Count(started), Cell.Rate(started, started)],
            [Cell.Of(text("Kpi.ReachedCheck")), Cell.Count(reached), Cell.Rate(reached, started)],
            [Cell.Of(text("Kpi.Submitted")), Cell.Count(submitted), Cell.Rate(submitted, started)],
            [Cell.Of(text("Kpi.Abandoned")), Cell.Count(started - submitted), Cell.Rate(started - submitted, started)],
        ]);
    }

    /// <summary>
    /// Staff hours per month: as spent (counter and mail filings at the counter minutes, online ones at the
    /// online minutes), saved against everything at the counter, and saved cumulatively over the period; for
    /// one procedure, whether the month is before or after it went online.
    /// </summary>
    public DashboardTable TimeSaved(IReadOnlyList<KpiSums> rows, IReadOnlyDictionary<Guid, StaffTimeStandard> standards, Guid? procedureId, int from, int to)
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
                line.Add(Cell.Of(KpiMonth.FirstDayOf(m).AddMonths(1) <= start ? text("Kpi.BeforeOnline") : text("Kpi.AfterOnline")));
            }

            lines.Add(line);
        }

        List<string> headers = [text("Kpi.Month"), text("Kpi.OnlineFilings"), text("Kpi.StaffHours"), text("Kpi.HoursSaved"), text("Kpi.HoursSavedCumulative")];
        if (since is not null)
        {
            headers.Add(text("Kpi.Phase"));
        }

        return new DashboardTable("time-saved", text("Kpi.TimeSaved"), headers, lines);
    }

    /// <summary>Each procedure with a staff-time standard: its minutes, the day it went online, online filings and hours saved.</summary>
    public DashboardTable TimeSavedByProcedure(IReadOnlyList<KpiSums> rows, IReadOnlyDictionary<Guid, StaffTimeStandard> standards, IReadOnlyDictionary<Guid, string> names)
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
        return new DashboardTable("time-saved-procedures", text("Kpi.TimeSavedByProcedure"),
            [text("Case.Procedure"), text("StaffTime.CounterMinutes"), text("StaffTime.OnlineMinutes"), text("StaffTime.OnlineSince"), text("Kpi.OnlineFilings"), text("Kpi.HoursSaved")], lines);
    }

    /// <summary>The headline numbers: the whole period's line, the backlog's totals and the period's cumulative hours saved.</summary>
    public List<GetDashboard.Tile> Tiles(IReadOnlyList<KpiSums> rows, IReadOnlyList<ProcessingDaysCount> histogram, IReadOnlyList<DashboardTable> tables)
    {
        var overall = Line(rows, histogram);
        var backlog = tables.Single(t => t.Key == "backlog").Rows;
        // The period's cumulative hours saved, exactly as the time-saved table ends.
        var saved = tables.Single(t => t.Key == "time-saved").Rows is { Count: > 0 } months ? months[^1][4].Number ?? 0 : 0;
        return
        [
            new("filed", text("Kpi.Filed"), overall[0]),
            new("online-rate", text("Kpi.OnlineRate"), overall[4]),
            new("median", text("Kpi.MedianDays"), overall[6]),
            new("p90", text("Kpi.P90Days"), overall[7]),
            new("sla", text("Kpi.SlaRate"), overall[8]),
            new("open", text("Kpi.Open"), Cell.Count(backlog.Sum(r => (long)r[1].Number!.Value))),
            new("overdue", text("Kpi.OverdueNow"), Cell.Count(backlog.Sum(r => (long)r[6].Number!.Value))),
            new("correction-rate", text("Kpi.CorrectionRate"), overall[9]),
            new("withdrawal-rate", text("Kpi.WithdrawalRate"), overall[10]),
            new("rejection-rate", text("Kpi.RejectionRate"), overall[11]),
            new("hours-saved", text("Kpi.HoursSaved"), Cell.Hours(saved)),
        ];
    }
}
