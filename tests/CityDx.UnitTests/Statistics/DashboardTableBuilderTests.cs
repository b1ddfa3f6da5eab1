using System.Globalization;
using CityDx.Application.Statistics;
using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;

namespace CityDx.UnitTests.Statistics;

/// <summary>The dashboard's tables from numbers alone: what an analyst reads in each cell, and the tiles agreeing with the tables.</summary>
public sealed class DashboardTableBuilderTests
{
    private static readonly Guid Dog = Guid.NewGuid();
    private static readonly Guid Juminhyo = Guid.NewGuid();
    private static readonly Guid Kita = Guid.NewGuid();

    // The string table stands for itself, so a test reads which label a cell got.
    private static DashboardTableBuilder Builder(bool english = false) => new(key => "[" + key + "]", english);

    private static string[] Shown(IReadOnlyList<Cell> row) => [.. row.Select(c => c.Display(CultureInfo.InvariantCulture))];

    [Fact]
    public void Every_month_of_the_period_has_a_line_even_without_filings_and_the_online_rate_is_rounded_to_one_decimal()
    {
        KpiSums[] rows =
        [
            new(202601, Guid.Empty, Guid.Empty, Channel.Online, Filed: 2),
            new(202601, Guid.Empty, Guid.Empty, Channel.Counter, Filed: 1),
            new(202603, Guid.Empty, Guid.Empty, Channel.Mail, Filed: 4),
        ];

        var table = Builder().Monthly(rows, 202512, 202603);

        Assert.Equal("monthly", table.Key);
        Assert.Equal(["[Kpi.Month]", "[Kpi.Filed]", "[Channel.Online]", "[Channel.Counter]", "[Channel.Mail]", "[Kpi.OnlineRate]"], table.Headers);
        Assert.Equal(["2025-12", "0", "0", "0", "0", "—"], Shown(table.Rows[0]));
        Assert.Equal(["2026-01", "3", "2", "1", "0", "66.7%"], Shown(table.Rows[1]));
        Assert.Equal(["2026-02", "0", "0", "0", "0", "—"], Shown(table.Rows[2]));
        Assert.Equal(["2026-03", "4", "0", "0", "4", "0.0%"], Shown(table.Rows[3]));
        Assert.Equal("66.7", table.Rows[1][5].Csv());
    }

    [Fact]
    public void A_breakdown_line_has_the_rates_of_its_own_cases_and_percentiles_of_its_own_histogram_sorted_by_name()
    {
        KpiSums[] rows =
        [
            new(0, Juminhyo, Guid.Empty, Channel.Online, Filed: 8, Corrected: 2, Approved: 5, Rejected: 1, Withdrawn: 2, WithinSla: 3),
            new(0, Juminhyo, Guid.Empty, Channel.Counter, Filed: 2),
            new(0, Dog, Guid.Empty, Channel.Mail, Filed: 1),
        ];
        ProcessingDaysCount[] histogram = [new(Juminhyo, Guid.Empty, 2, 3), new(Juminhyo, Guid.Empty, 9, 3), new(Dog, Guid.Empty, 40, 1)];
        var names = new Dictionary<Guid, string> { [Juminhyo] = "住民票", [Dog] = "犬の登録" };

        var table = Builder().Breakdown("procedures", "By procedure", "Procedure", rows, histogram, r => r.ProcedureId, h => h.ProcedureId, names);

        Assert.Equal(13, table.Headers.Count);
        Assert.Equal(["住民票", "犬の登録"], table.Rows.Select(r => r[0].Text));
        // Filed 10 (8 online, 2 counter); decided 8; median 2 and p90 9 days of six cases; SLA 3 of 6
        // decided; corrected 2 of 10 filed; withdrawn 2 of 8 closed; rejected 1 of 6 decided.
        Assert.Equal(["住民票", "10", "8", "2", "0", "80.0%", "8", "2", "9", "50.0%", "20.0%", "25.0%", "16.7%"], Shown(table.Rows[0]));
        Assert.Equal(["犬の登録", "1", "0", "0", "1", "0.0%", "0", "40", "40", "—", "0.0%", "—", "—"], Shown(table.Rows[1]));
    }

    [Fact]
    public void A_unit_the_reader_may_not_name_shows_as_a_question_mark()
    {
        var table = Builder().Breakdown("units", "By unit", "Unit", [new(0, Guid.Empty, Kita, Channel.Online, Filed: 1)], [], r => r.UnitId, h => h.UnitId, new Dictionary<Guid, string>());

        Assert.Equal("?", table.Rows.Single()[0].Text);
        Assert.Equal("—", table.Rows.Single()[7].Display(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_backlog_names_added_states_in_the_readers_language_leaves_out_closed_ones_and_counts_overdue_only_while_the_clock_runs()
    {
        var inspection = new WorkflowState("SiteVisit", ClockRuns: true, Terminal: false, NameJa: "現地確認", NameEn: "Site visit");
        var workflows = new Dictionary<Guid, CaseWorkflow> { [Dog] = CaseWorkflow.Default.WithState(inspection) };
        BacklogCount[] groups =
        [
            new(Dog, "SiteVisit", Total: 4, Band0: 1, Band1: 2, Band2: 3, Overdue: 2),
            new(Dog, CaseStatus.AwaitingCorrection, Total: 3, Band0: 3, Band1: 3, Band2: 3, Overdue: 3),
            // Counted under the default workflow: a procedure the reader cannot see still has cases of a built-in state.
            new(Juminhyo, CaseStatus.Submitted, Total: 5, Band0: 0, Band1: 1, Band2: 1, Overdue: 1),
            new(Dog, CaseStatus.Submitted, Total: 1, Band0: 1, Band1: 1, Band2: 1, Overdue: 0),
            new(Dog, CaseStatus.Completed, Total: 9, Band0: 9, Band1: 9, Band2: 9, Overdue: 9),
        ];

        var japanese = Builder().Backlog(groups, workflows);
        var english = Builder(english: true).Backlog(groups, workflows);

        // Built-in states first in their own order (Submitted, …, AwaitingCorrection), then added ones.
        Assert.Equal(["[Status.Staff.Submitted]", "6", "1", "1", "0", "4", "1"], Shown(japanese.Rows[0]));
        Assert.Equal(["[Status.Staff.AwaitingCorrection]", "3", "3", "0", "0", "0", "0"], Shown(japanese.Rows[1]));
        Assert.Equal(["現地確認", "4", "1", "1", "1", "1", "2"], Shown(japanese.Rows[2]));
        Assert.Equal(3, japanese.Rows.Count);
        Assert.Equal("Site visit", english.Rows[2][0].Text);
    }

    [Fact]
    public void The_funnel_gives_each_step_as_a_share_of_the_drafts_started_and_the_rest_as_abandoned()
    {
        var table = Builder().Funnel(new FunnelSums(Started: 8, Reached: 6, Submitted: 5));

        Assert.Equal(["[Kpi.Started]", "8", "100.0%"], Shown(table.Rows[0]));
        Assert.Equal(["[Kpi.ReachedCheck]", "6", "75.0%"], Shown(table.Rows[1]));
        Assert.Equal(["[Kpi.Submitted]", "5", "62.5%"], Shown(table.Rows[2]));
        Assert.Equal(["[Kpi.Abandoned]", "3", "37.5%"], Shown(table.Rows[3]));
        Assert.Equal(["—", "—"], Builder().Funnel(new FunnelSums(0, 0, 0)).Rows.Take(2).Select(r => r[2].Display(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Staff_hours_are_spent_at_each_channels_minutes_saved_by_online_filings_and_summed_as_rounded_per_month()
    {
        var standard = new StaffTimeStandard(Dog);
        standard.Set(counterMinutes: 25, onlineMinutes: 5, onlineSince: new DateOnly(2026, 2, 10), "admin", DateTimeOffset.UnixEpoch);
        var standards = new Dictionary<Guid, StaffTimeStandard> { [Dog] = standard };
        KpiSums[] rows =
        [
            new(202601, Dog, Guid.Empty, Channel.Counter, Filed: 6),
            new(202602, Dog, Guid.Empty, Channel.Online, Filed: 1),
            new(202602, Dog, Guid.Empty, Channel.Mail, Filed: 3),
            new(202603, Dog, Guid.Empty, Channel.Online, Filed: 1),
            // A procedure without a standard adds nothing.
            new(202603, Juminhyo, Guid.Empty, Channel.Online, Filed: 100),
        ];

        var all = Builder().TimeSaved(rows, standards, null, 202601, 202603);
        var one = Builder().TimeSaved(rows, standards, Dog, 202601, 202603);

        Assert.Equal(5, all.Headers.Count);
        // January: 6 × 25 min = 2.5 h spent, nothing saved. February: 1 × 5 + 3 × 25 min = 1.3 h,
        // 20 min = 0.3 h saved. March: another 0.3 h; the period 0.6 h, the sum of the months as shown (not 0.67 rounded).
        Assert.Equal(["2026-01", "0", "2.5", "0.0", "0.0"], Shown(all.Rows[0]));
        Assert.Equal(["2026-02", "1", "1.3", "0.3", "0.3"], Shown(all.Rows[1]));
        Assert.Equal(["2026-03", "1", "0.1", "0.3", "0.6"], Shown(all.Rows[2]));
        Assert.Equal("[Kpi.Phase]", one.Headers[^1]);
        Assert.Equal(["[Kpi.BeforeOnline]", "[Kpi.AfterOnline]", "[Kpi.AfterOnline]"], one.Rows.Select(r => r[^1].Text));

        var byProcedure = Builder().TimeSavedByProcedure(rows, standards, new Dictionary<Guid, string> { [Dog] = "犬の登録" });
        Assert.Equal(["犬の登録", "25", "5", "2026-02-10", "2", "0.7"], Shown(byProcedure.Rows.Single()));
    }

    [Fact]
    public void The_tiles_agree_with_the_tables_they_summarise()
    {
        var standard = new StaffTimeStandard(Dog);
        standard.Set(counterMinutes: 30, onlineMinutes: 0, onlineSince: null, "admin", DateTimeOffset.UnixEpoch);
        var data = new DashboardData(
            202601, 202602, null,
            ByMonth: [new(202601, Guid.Empty, Guid.Empty, Channel.Online, Filed: 3, Approved: 2, Rejected: 1, WithinSla: 2), new(202602, Guid.Empty, Guid.Empty, Channel.Counter, Filed: 1)],
            ByProcedure: [new(0, Dog, Guid.Empty, Channel.Online, Filed: 3)],
            ByUnit: [new(0, Guid.Empty, Kita, Channel.Online, Filed: 3)],
            Saving: [new(202601, Dog, Guid.Empty, Channel.Online, Filed: 3)],
            HistogramAll: [new(Guid.Empty, Guid.Empty, 4, 3)],
            HistogramByProcedure: [],
            HistogramByUnit: [],
            Backlog: [new(Dog, CaseStatus.Submitted, 2, 2, 2, 2, 1), new(Dog, CaseStatus.UnderReview, 3, 0, 0, 0, 2)],
            Funnel: new FunnelSums(4, 3, 3),
            Standards: new Dictionary<Guid, StaffTimeStandard> { [Dog] = standard },
            ProcedureNames: new Dictionary<Guid, string> { [Dog] = "犬の登録" },
            UnitNames: new Dictionary<Guid, string> { [Kita] = "北区役所" },
            Workflows: new Dictionary<Guid, CaseWorkflow>());

        var (tables, tiles) = Builder().Build(data);

        Assert.Equal(["monthly", "procedures", "units", "backlog", "funnel", "time-saved", "time-saved-procedures"], tables.Select(t => t.Key));
        string Tile(string key) => tiles.Single(t => t.Key == key).Value.Display(CultureInfo.InvariantCulture);
        Assert.Equal("4", Tile("filed"));
        Assert.Equal("75.0%", Tile("online-rate"));
        Assert.Equal("4", Tile("median"));
        Assert.Equal("66.7%", Tile("sla"));
        Assert.Equal("5", Tile("open"));
        Assert.Equal("3", Tile("overdue"));
        Assert.Equal("1.5", Tile("hours-saved"));
        Assert.Equal(tables.Single(t => t.Key == "time-saved").Rows[^1][4], tiles.Single(t => t.Key == "hours-saved").Value);
    }
}
