using System.Net;
using System.Text;
using System.Text.Json;
using CityDx.Application.Statistics;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Statistics;

/// <summary>A database of its own with a small suppression threshold, so the seeded counts exercise the rule.</summary>
public sealed class KpiFactory : CityDxFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Statistics:SuppressionThreshold", "3");
    }
}

/// <summary>
/// The KPI dashboard against hand-computed values on a seeded set of dog registrations in September
/// and October 2026 (JST) — online, counter and mail, corrections, a withdrawal, a rejection, late and
/// overdue cases — read from the roll-ups; the staff time standard; open statistics with suppression.
/// </summary>
public sealed class KpiDashboardTests(KpiFactory factory) : IClassFixture<KpiFactory>, IAsyncLifetime
{
    private static readonly BusinessCalendar Calendar = new();
    private static readonly CaseWorkflow Workflow = CaseWorkflow.CreateDefault(withApproval: false);
    private Guid _kita, _miyakojima, _procedure;

    private static DateTimeOffset Jst(int month, int day, int hour = 10) => new DateTimeOffset(2026, month, day, hour, 0, 0, JapanTime.Offset).ToUniversalTime();

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        _kita = await db.OrganisationUnits.Where(u => u.Code == "kita").Select(u => u.Id).SingleAsync();
        _miyakojima = await db.OrganisationUnits.Where(u => u.Code == "miyakojima").Select(u => u.Id).SingleAsync();
        var procedure = await db.Procedures.SingleAsync(p => p.Code == "dog-registration");
        _procedure = procedure.Id;
        if (await db.Cases.AnyAsync(c => c.ProcedureId == _procedure))
        {
            return;
        }

        var citizen = await db.Users.Where(u => u.Email == Demo.Citizen).Select(u => u.Id).SingleAsync();
        var staff = CaseActor.StaffMember("staff-seed", true, false);
        var applicant = CaseActor.Applicant(citizen);
        Case File(Guid unit, Channel channel, DateTimeOffset at, DateOnly due)
        {
            var c = Case.Submit(ReceiptNumber.Generate(), _procedure, procedure.CurrentFormVersionId!.Value, channel == Channel.Online ? citizen : null, unit, channel,
                new Dictionary<string, string> { ["dog_name"] = "シード" }, Guid.NewGuid(), due, channel == Channel.Online ? citizen : "staff-seed", at);
            db.Cases.Add(c);
            return c;
        }

        void Act(Case c, string action, DateTimeOffset at, CaseActor? actor = null, string? comment = null) =>
            c.Apply(Workflow, action, actor ?? staff, comment ?? "理由", at, Calendar);

        // 1–2: online, Kita, approved after 3 and 5 business days, on time.
        Act(File(_kita, Channel.Online, Jst(9, 1), new(2026, 9, 15)), CaseAction.Approve, Jst(9, 4));
        Act(File(_kita, Channel.Online, Jst(9, 1, 11), new(2026, 9, 15)), CaseAction.Approve, Jst(9, 8));
        // 3: counter, Kita, rejected after 10 business days, one day late.
        Act(File(_kita, Channel.Counter, Jst(9, 2), new(2026, 9, 15)), CaseAction.Reject, Jst(9, 16));
        // 4: mail, Miyakojima, approved after 5 business days.
        Act(File(_miyakojima, Channel.Mail, Jst(9, 3), new(2026, 9, 17)), CaseAction.Approve, Jst(9, 10));
        // 5: online, Miyakojima, correction requested, then withdrawn.
        var five = File(_miyakojima, Channel.Online, Jst(9, 3, 11), new(2026, 9, 17));
        five.RequestCorrection(Workflow, ["dog_name"], staff, "犬の名前を確認してください", Jst(9, 4), Calendar);
        Act(five, CaseAction.Withdraw, Jst(9, 7), applicant, "取り下げます");
        // 6: online, Kita, correction requested, resubmitted, approved after 5 business days.
        var six = File(_kita, Channel.Online, Jst(9, 7), new(2026, 9, 16));
        six.RequestCorrection(Workflow, ["dog_name"], staff, "確認", Jst(9, 8), Calendar);
        Act(six, CaseAction.Resubmit, Jst(9, 9), applicant, "");
        Act(six, CaseAction.Approve, Jst(9, 14));
        // 7: counter, Kita, under review and overdue now.
        Act(File(_kita, Channel.Counter, Jst(10, 1), new(2026, 10, 2)), CaseAction.StartReview, Jst(10, 1, 15));
        // 8: online, Kita, submitted, due next year.
        File(_kita, Channel.Online, Jst(10, 1, 12), new(2027, 1, 29));
        // 9: online, Miyakojima, awaiting correction (clock stopped, so not overdue although past its date).
        File(_miyakojima, Channel.Online, Jst(10, 2), new(2026, 10, 9)).RequestCorrection(Workflow, ["dog_name"], staff, "確認", Jst(10, 5), Calendar);
        // 10: filed before the period (not counted as filed), approved on its first day (counted as decided, 1 business day).
        Act(File(_kita, Channel.Online, Jst(8, 31), new(2026, 9, 14)), CaseAction.Approve, Jst(9, 1));

        // The online funnel: three drafts started on 1 September; two reached 確認, one was sent.
        var lifetime = TimeSpan.FromDays(60);
        var drafts = Enumerable.Range(0, 3).Select(_ => Domain.Cases.Draft.Start(citizen, _procedure, procedure.CurrentFormVersionId!.Value, Jst(9, 1, 9), lifetime)).ToList();
        drafts[0].MarkReachedCheckAnswers(Jst(9, 1, 9));
        drafts[1].MarkReachedCheckAnswers(Jst(9, 1, 9));
        drafts[0].MarkSubmitted(Guid.NewGuid(), Jst(9, 1, 10));
        db.Drafts.AddRange(drafts);
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RefreshKpiRollups.Command(Full: true));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Period => "from=2026-09&to=2026-10";

    private static Dictionary<string, string> Tiles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#kpi-tiles dd").ToDictionary(d => d.GetAttribute("data-kpi")!, d => d.TextContent.Trim());

    private static List<List<string>> Rows(AngleSharp.Dom.IDocument page, string table) =>
        [.. page.QuerySelectorAll($"#kpi-{table} tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToList())];

    [Fact]
    public async Task The_analyst_sees_each_kpi_as_computed_by_hand()
    {
        var analyst = await PortalClient.SignedInAsync(factory, Demo.Analyst);
        var page = await analyst.GetPageAsync($"/dashboard?{Period}&procedure={_procedure}");

        var tiles = Tiles(page);
        Assert.Equal("9", tiles["filed"]);              // cases 1–9 (10 was filed in August)
        Assert.Equal("66.7%", tiles["online-rate"]);     // 6 of 9
        Assert.Equal("5", tiles["median"]);              // 1, 3, 5, 5, 5, 10 business days (5 approved, 1 rejected)
        Assert.Equal("10", tiles["p90"]);
        Assert.Equal("83.3%", tiles["sla"]);             // 5 of 6 on time (the rejection was a day late)
        Assert.Equal("3", tiles["open"]);                // 7, 8, 9
        Assert.Equal("1", tiles["overdue"]);             // 7 (9 is past its date but awaiting correction)
        Assert.Equal("33.3%", tiles["correction-rate"]); // 5, 6, 9 of 9 filed
        Assert.Equal("14.3%", tiles["withdrawal-rate"]); // 1 of 7 closed
        Assert.Equal("16.7%", tiles["rejection-rate"]);  // 1 of 6 decided
        Assert.Contains("集計時点", page.Text("#refreshed-at"));

        Assert.Equal([["2026-09", "6", "4", "1", "1", "66.7%"], ["2026-10", "3", "2", "1", "0", "66.7%"]], Rows(page, "monthly"));
        var units = Rows(page, "units");
        Assert.Equal(["北区役所", "6", "4", "2", "0", "66.7%", "5", "5", "10", "80.0%", "16.7%", "0.0%", "20.0%"], units.Single(r => r[0] == "北区役所"));
        Assert.Equal(["都島区役所", "3", "2", "0", "1", "66.7%", "2", "5", "5", "100.0%", "66.7%", "50.0%", "0.0%"], units.Single(r => r[0] == "都島区役所"));

        var backlog = Rows(page, "backlog");
        Assert.Equal(["受付待ち", "1", "0", "0", "0", "1", "0"], backlog.Single(r => r[0] == "受付待ち"));
        Assert.Equal(["審査中", "1", "0", "0", "0", "1", "1"], backlog.Single(r => r[0] == "審査中"));
        Assert.Equal(["補正依頼中", "1", "0", "0", "0", "1", "0"], backlog.Single(r => r[0].StartsWith("補正依頼中", StringComparison.Ordinal)));

        Assert.Equal([["入力を開始", "3", "100.0%"], ["入力内容の確認まで到達", "2", "66.7%"], ["送信", "1", "33.3%"], ["未送信(離脱・作成中)", "2", "66.7%"]], Rows(page, "funnel"));
    }

    [Fact]
    public async Task Filters_narrow_every_figure_and_staff_see_only_their_own_office()
    {
        var analyst = await PortalClient.SignedInAsync(factory, Demo.Analyst);
        var counter = Tiles(await analyst.GetPageAsync($"/dashboard?{Period}&channel=Counter"));
        Assert.Equal("2", counter["filed"]);      // 3 and 7
        Assert.Equal("10", counter["median"]);    // only the rejection
        Assert.Equal("0.0%", counter["sla"]);
        Assert.Equal("1", counter["overdue"]);

        var kitaStaff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var kita = await kitaStaff.GetPageAsync($"/dashboard?{Period}");
        Assert.Equal("6", Tiles(kita)["filed"]);
        Assert.DoesNotContain(Rows(kita, "units"), r => r[0] == "都島区役所");
        Assert.DoesNotContain(kita.QuerySelectorAll("#unit option"), o => o.TextContent == "都島区役所");
        // Asking for another office's numbers gives nothing of theirs.
        Assert.Equal("0", Tiles(await kitaStaff.GetPageAsync($"/dashboard?{Period}&unit={_miyakojima}"))["filed"]);

        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.Http.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(factory).Http.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Each_csv_holds_exactly_the_numbers_of_its_table()
    {
        var analyst = await PortalClient.SignedInAsync(factory, Demo.Analyst);
        var page = await analyst.GetPageAsync($"/dashboard?{Period}");
        foreach (var link in page.QuerySelectorAll("a.csv-link"))
        {
            var href = link.GetAttribute("href")!;
            var table = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + href).Query)["table"]!;
            var response = await analyst.Http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var shown = Rows(page, table).Select(r => string.Join(',', r.Select(c => c.Replace(",", "", StringComparison.Ordinal).TrimEnd('%').Replace("—", "", StringComparison.Ordinal)))).ToList();
            Assert.Equal(shown, lines.Skip(1).ToList());
        }
    }

    [Fact]
    public async Task An_admin_sets_the_staff_minutes_and_the_dashboard_shows_hours_saved_before_and_after_going_online()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var form = await admin.GetPageAsync("/admin/procedures/dog-registration/staff-time");
        Assert.NotNull(form.QuerySelector("label[for=CounterMinutes]"));
        var bad = await admin.PostFormAsync("/admin/procedures/dog-registration/staff-time", new() { ["CounterMinutes"] = "2000", ["OnlineMinutes"] = "10" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("作業時間は0〜1440の整数(分)で入力してください", (await PortalClient.ReadAsync(bad)).ErrorSummary());
        var saved = await admin.PostFormAsync("/admin/procedures/dog-registration/staff-time",
            new() { ["CounterMinutes"] = "30", ["OnlineMinutes"] = "10", ["OnlineSince"] = "2026-10-01" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // An affiliated body's admin cannot set a ward procedure's standard.
        var facilities = await PortalClient.SignedInAsync(factory, Demo.FacilitiesAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await facilities.Http.GetAsync("/admin/procedures/dog-registration/staff-time")).StatusCode);

        var page = await admin.GetPageAsync($"/dashboard?{Period}&procedure={_procedure}");
        // September: 4 online ((30 − 10) min each: 1.3 h saved), 2 at the counter or by post: (4×10 + 2×30) / 60 = 1.7 h spent.
        // October: 2 online (0.7 h saved), 1 at the counter: 50 / 60 = 0.8 h spent. Online since 1 October.
        Assert.Equal([["2026-09", "4", "1.7", "1.3", "1.3", "オンライン化前"], ["2026-10", "2", "0.8", "0.7", "2.0", "オンライン化後"]], Rows(page, "time-saved"));
        Assert.Equal([["犬の登録・狂犬病予防注射済票の交付", "30", "10", "2026-10-01", "6", "2.0"]], Rows(page, "time-saved-procedures"));
        Assert.Equal("2.0", Tiles(page)["hours-saved"]);
    }

    [Fact]
    public async Task A_change_after_the_last_run_reaches_the_dashboard_at_the_next_incremental_run()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new RefreshKpiRollups.Command());
        var today = JapanTime.DateOf(DateTimeOffset.UtcNow);
        // Another procedure, so the live backlog the other tests read stays as seeded.
        var procedure = await db.Procedures.AsNoTracking().Where(p => p.Code != "dog-registration" && p.CurrentFormVersionId != null).OrderBy(p => p.Code).FirstAsync();
        var c = Case.Submit(ReceiptNumber.Generate(), procedure.Id, procedure.CurrentFormVersionId!.Value, null, _kita, Channel.Mail,
            new Dictionary<string, string> { ["dog_name"] = "今日" }, Guid.NewGuid(), today.AddDays(30), "staff-seed", DateTimeOffset.UtcNow);
        db.Cases.Add(c);
        await db.SaveChangesAsync();

        var result = await mediator.Send(new RefreshKpiRollups.Command());
        Assert.InRange(result.MonthsRebuilt, 1, 2);
        var analyst = await PortalClient.SignedInAsync(factory, Demo.Analyst);
        var page = await analyst.GetPageAsync($"/dashboard?from={today:yyyy-MM}&to={today:yyyy-MM}&channel=Mail&unit={_kita}&procedure={procedure.Id}");
        Assert.Equal("1", Tiles(page)["filed"]);
    }

    [Fact]
    public async Task Open_statistics_publish_completed_months_anonymously_with_small_and_derivable_counts_withheld_and_nothing_personal()
    {
        var anonymous = PortalClient.Create(factory);
        var list = await anonymous.Http.GetAsync("/api/v1/statistics");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"applications\"", await list.Content.ReadAsStringAsync());

        var response = await anonymous.Http.GetAsync("/api/v1/statistics/applications?from=2026-09&to=2026-10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("シード", body);
        Assert.DoesNotContain("@example.jp", body);
        using var json = JsonDocument.Parse(body);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        string[] allowed = ["month", "procedureCode", "procedureNameJa", "procedureNameEn", "unitCode", "unitNameJa", "unitNameEn", "channel", "count", "suppressed"];
        Assert.All(rows, r => Assert.Equal(allowed, r.EnumerateObject().Select(p => p.Name).ToArray()));
        Assert.Equal(["dataset", "from", "to", "suppressionThreshold", "refreshedAt", "rows"], json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());

        // September, dog registration: Kita 3 online + 1 counter (4), Miyakojima 1 online + 1 mail (2); threshold 3.
        var september = rows.Where(r => r.GetProperty("month").GetString() == "2026-09" && r.GetProperty("procedureCode").GetString() == "dog-registration").ToList();
        int? Count(string unit, string channel) => september.Single(r => r.GetProperty("unitCode").GetString() == unit && r.GetProperty("channel").GetString() == channel)
            .GetProperty("count") is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : null;
        Assert.Null(Count("kita", "counter"));      // 1
        Assert.Null(Count("miyakojima", "online")); // 1
        Assert.Null(Count("miyakojima", "total"));  // 2
        // The subtraction attack: no row or column of the published table has exactly one blank.
        var units = september.Select(r => r.GetProperty("unitCode").GetString()!).Distinct().ToList();
        var channels = september.Select(r => r.GetProperty("channel").GetString()!).Distinct().ToList();
        Assert.All(units, u => Assert.NotEqual(1, channels.Count(ch => Count(u, ch) is null)));
        Assert.All(channels, ch => Assert.NotEqual(1, units.Count(u => Count(u, ch) is null)));

        // The month still running is not published, whatever is asked.
        var current = JapanTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var now = await (await anonymous.Http.GetAsync($"/api/v1/statistics/applications?from={current}&to={current}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"\"month\":\"{current}\"", now);

        var csv = await anonymous.Http.GetAsync("/api/v1/statistics/applications?from=2026-09&to=2026-10&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]);
        Assert.StartsWith(string.Join(',', GetOpenStatistics.CsvColumns) + "\r\n", text);
        Assert.Contains("2026-09,dog-registration,犬の登録・狂犬病予防注射済票の交付,Register a dog and get its rabies vaccination tag,kita,北区役所,Kita Ward Office,counter,,true", text);

        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.Http.GetAsync("/api/v1/statistics/applications?from=2026-13")).StatusCode);
        var openData = await anonymous.GetPageAsync("/open-data");
        Assert.Contains("/api/v1/statistics/applications?format=csv", openData.QuerySelector("main")!.InnerHtml);
    }
}
