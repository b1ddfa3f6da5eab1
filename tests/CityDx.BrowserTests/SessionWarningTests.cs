using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// WCAG 2.2.1 Timing Adjustable: before the sign-in session ends, a filing page warns and one button
/// extends the session. The browser's clock is fast-forwarded (Playwright's clock), nothing sleeps.
/// </summary>
public sealed class SessionWarningTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_filing_page_warns_before_the_session_ends_and_the_button_extends_it()
    {
        var page = await browser.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.Clock.InstallAsync();
        await page.SignInAsync("citizen@example.jp");
        await page.GotoAsync("/procedures/dog-registration/apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }).ClickAsync();
        var warning = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "まもなくログインの有効期限が切れます" });
        await Assertions.Expect(warning).ToBeHiddenAsync();

        // Two hours of session, warned five minutes before the end.
        await page.Clock.FastForwardAsync("01:55:30");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await warning.GetByRole(AriaRole.Button, new() { Name = "ログインを延長する" }).ClickAsync();
        await Assertions.Expect(warning).ToBeHiddenAsync();
        // Still signed in: the page's own form still works.
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("申請先の区役所を選択してください");
    }
}
