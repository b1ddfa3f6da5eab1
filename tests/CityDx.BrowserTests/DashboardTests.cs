using System.Text;
using CityDx.Application.Statistics;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// An analyst opens the dashboard, narrows it to counter filings, downloads a table as CSV and finds
/// the same numbers as on the page; axe on each view.
/// </summary>
public sealed class DashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Analyst_filters_the_dashboard_and_the_csv_matches_the_table()
    {
        await using (var scope = browser.Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var kita = await db.OrganisationUnits.Where(u => u.Code == "kita").Select(u => u.Id).SingleAsync();
            var procedure = await db.Procedures.SingleAsync(p => p.Code == "dog-registration");
            var now = DateTimeOffset.UtcNow;
            foreach (var (channel, n) in new[] { (Channel.Online, 3), (Channel.Counter, 2), (Channel.Mail, 1) })
            {
                for (var i = 0; i < n; i++)
                {
                    db.Cases.Add(Case.Submit(ReceiptNumber.Generate(), procedure.Id, procedure.CurrentFormVersionId!.Value, null, kita, channel,
                        new Dictionary<string, string> { ["dog_name"] = "ブラウザ" }, Guid.NewGuid(), null, "seed", now.AddMinutes(-i)));
                }
            }

            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RefreshKpiRollups.Command());
        }

        var page = await browser.NewPageAsync();
        await page.SignInAsync("analyst@example.jp");
        await page.GetByRole(AriaRole.Link, new() { Name = "ダッシュボード" }).ClickAsync();
        await Assertions.Expect(page.Locator("#refreshed-at")).ToContainTextAsync("集計時点");
        await Assertions.Expect(page.Locator("[data-kpi=filed]")).ToHaveTextAsync("6");
        await Assertions.Expect(page.Locator("[data-kpi=online-rate]")).ToHaveTextAsync("50.0%");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("申請方法").SelectOptionAsync(new SelectOptionValue { Label = "窓口" });
        await page.Locator("#apply-filter").ClickAsync();
        await Assertions.Expect(page.Locator("[data-kpi=filed]")).ToHaveTextAsync("2");
        await page.AssertAccessibleAsync();

        var section = page.Locator("#section-procedures");
        var download = await page.RunAndWaitForDownloadAsync(() => section.GetByRole(AriaRole.Link, new() { Name = "この表をCSVでダウンロード" }).ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = await section.Locator("thead th").AllTextContentsAsync();
        Assert.Equal(string.Join(',', headers), lines[0]);
        var rows = new List<string>();
        foreach (var tr in await section.Locator("tbody tr").AllAsync())
        {
            var cells = await tr.Locator("th, td").AllTextContentsAsync();
            rows.Add(string.Join(',', cells.Select(c => c.Trim().Replace(",", "", StringComparison.Ordinal).TrimEnd('%').Replace("—", "", StringComparison.Ordinal))));
        }

        Assert.Equal(rows, lines.Skip(1).ToList());
        Assert.Contains(lines, l => l.StartsWith("犬の登録・狂犬病予防注射済票の交付,2,0,2,0,0.0", StringComparison.Ordinal));
    }
}
