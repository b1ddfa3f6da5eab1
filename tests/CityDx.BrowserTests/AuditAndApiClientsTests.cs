using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// An admin registers an integration client (a missing name first shows the error summary), copies the
/// credential shown once, and finds a staff read in the audit log; axe on every page visited.
/// </summary>
public sealed class AuditAndApiClientsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_registers_a_client_and_searches_the_audit_log()
    {
        var staff = await browser.NewPageAsync();
        await staff.SignInAsync("staff.kita@example.jp");
        await staff.GotoAsync("/staff/cases");

        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@example.jp");
        await page.GetByRole(AriaRole.Link, new() { Name = "API連携先" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API連携先を登録する" }).ClickAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("北区役所").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("連携先名を入力してください");
        await page.AssertAccessibleAsync();
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("連携先名")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("住民情報システム");
        await Assertions.Expect(page.GetByLabel("北区役所")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();

        var credential = await page.GetByLabel("認証情報").InputValueAsync();
        Assert.Matches("^[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}$", credential);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API連携先の一覧へ" }).ClickAsync();
        await Assertions.Expect(page.Locator("#api-clients")).ToContainTextAsync("住民情報システム");
        Assert.DoesNotContain(credential[33..], await page.ContentAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "監査ログ" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("操作者(メールアドレスまたは連携先名)").FillAsync("staff.kita@example.jp");
        await page.GetByLabel("操作", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "案件一覧の表示" });
        await page.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#audit-entries tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#audit-entries")).ToContainTextAsync("staff.kita@example.jp");
        await page.AssertAccessibleAsync();
    }
}
