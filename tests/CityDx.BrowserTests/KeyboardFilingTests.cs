using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// A citizen signs in and files an application with the keyboard only — Tab, Space, arrow keys,
/// typing and Enter; no mouse click — and every control shows where the focus is.
/// </summary>
public sealed class KeyboardFilingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_filing_can_be_completed_with_the_keyboard_only()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");

        // Tab to a control, then type: the order of the page is the order of the keys.
        async Task TabTo(ILocator target)
        {
            for (var i = 0; i < 60; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
                {
                    return;
                }
            }

            Assert.Fail($"Could not reach {target} with the Tab key.");
        }

        await TabTo(page.GetByLabel("メールアドレス"));
        await page.Keyboard.TypeAsync("citizen@example.jp");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Portal.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" })).ToBeVisibleAsync();

        await page.GotoAsync("/procedures/dog-registration");
        await TabTo(page.GetByRole(AriaRole.Link, new() { Name = "申請をはじめる" }));
        await page.Keyboard.PressAsync("Enter");
        await TabTo(page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("申請先の区役所")).ToBeVisibleAsync();

        await TabTo(page.GetByLabel("申請先の区役所"));
        await page.Keyboard.PressAsync("ArrowDown");   // 北区役所, the first ward
        await TabTo(page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }));
        await page.Keyboard.PressAsync("Enter");
        await TabTo(page.GetByLabel("犬の名前"));
        await page.Keyboard.TypeAsync("シロ");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("柴犬");
        await TabTo(page.GetByLabel("オス"));
        await page.Keyboard.PressAsync("Space");
        var born = page.GetByRole(AriaRole.Group, new() { Name = "生年月日" });
        await TabTo(born.GetByLabel("年", new() { Exact = true }));
        await page.Keyboard.TypeAsync("2026");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("4");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("1");
        await TabTo(page.GetByRole(AriaRole.Group, new() { Name = "今年度の狂犬病予防注射を受けましたか" }).GetByLabel("はい"));
        await page.Keyboard.PressAsync("Space");
        await TabTo(page.GetByLabel("日中の連絡先電話番号"));
        await page.Keyboard.TypeAsync("０６－６２０８－８１８１");
        await TabTo(page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申請内容の確認");
        await TabTo(page.GetByRole(AriaRole.Button, new() { Name = "同意して申請する" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "申請を受け付けました" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
