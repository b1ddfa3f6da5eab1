using System.Text.RegularExpressions;
using CityDx.Domain.Cases;
using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// The foundation's end-to-end path in a real browser, with axe on every page visited: a citizen
/// files, staff of the chosen ward approve, the citizen sees the decision.
/// </summary>
public sealed partial class FilingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Citizen_files_ward_staff_approve_citizen_sees_the_decision()
    {
        var page = await browser.NewPageAsync();

        // A citizen signs in and finds the procedure from the catalogue.
        await page.GotoAsync("/");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/account/sign-in");
        await page.AssertAccessibleAsync();
        await page.SignInAsync("citizen@example.jp");
        await page.GetByRole(AriaRole.Link, new() { Name = "手続きをさがす" }).First.ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "犬の登録・狂犬病予防注射済票の交付" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("犬の登録・狂犬病予防注射済票の交付");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "申請をはじめる" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }).ClickAsync();

        // Page 1 of 2: continuing without a ward shows the error summary, focused, linking to the field.
        await Assertions.Expect(page.Locator(".caption")).ToContainTextAsync("ステップ 1 / 2");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(StartsWithError());
        var wardSummary = page.Locator(".error-summary");
        await Assertions.Expect(wardSummary).ToBeFocusedAsync();
        await page.AssertAccessibleAsync();
        await wardSummary.GetByRole(AriaRole.Link, new() { Name = "申請先の区役所を選択してください" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("申請先の区役所")).ToBeFocusedAsync();
        await page.GetByLabel("申請先の区役所").SelectOptionAsync(new SelectOptionValue { Label = "北区役所" });
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();

        // Page 2 of 2: continuing with nothing shows the errors of this page only.
        await Assertions.Expect(page.Locator(".caption")).ToContainTextAsync("ステップ 2 / 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(StartsWithError());
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "犬の名前を入力してください" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await summary.GetByRole(AriaRole.Link, new() { Name = "犬の名前を入力してください" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("犬の名前")).ToBeFocusedAsync();

        // Fills the form by its labels, as a screen-reader user would find the fields.
        await page.GetByLabel("犬の名前").FillAsync("コロ");
        await page.GetByLabel("犬種").FillAsync("柴犬");
        await page.GetByRole(AriaRole.Group, new() { Name = "性別" }).GetByLabel("メス").CheckAsync();
        var born = page.GetByRole(AriaRole.Group, new() { Name = "生年月日" });
        await born.GetByLabel("年", new() { Exact = true }).FillAsync("2026");
        await born.GetByLabel("月", new() { Exact = true }).FillAsync("3");
        await born.GetByLabel("日", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Group, new() { Name = "今年度の狂犬病予防注射を受けましたか" }).GetByLabel("はい").CheckAsync();
        await page.GetByLabel("日中の連絡先電話番号").FillAsync("06-6208-8181");
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();

        // Check your answers, then accept and send.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申請内容の確認");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("コロ");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "同意して申請する" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "申請を受け付けました" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var receipt = (await page.Locator("#receipt-number").TextContentAsync())!.Trim();
        Assert.True(ReceiptNumber.IsValid(receipt), receipt);

        // The registration fee is due: the citizen chooses a payment slip.
        await page.GetByRole(AriaRole.Link, new() { Name = "手数料を支払う" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("払込票(窓口・コンビニで支払う)").CheckAsync();
        await Assertions.Expect(page.GetByLabel("カード番号")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "支払う" }).ClickAsync();
        await Assertions.Expect(page.Locator("#fee")).ToContainTextAsync("窓口・コンビニでお支払いください");
        await page.SignOutAsync();

        // Staff of 北区 find it in their queue and approve it with a comment.
        await page.SignInAsync("staff.kita@example.jp");
        await page.GetByRole(AriaRole.Link, new() { Name = "案件一覧(処理待ち)" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("受付待ち");
        await page.AssertAccessibleAsync();

        // The fee is due at filing, so review waits for it: the slip paid at a convenience store is recorded first.
        await page.GetByLabel("支払日", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddHours(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("支払方法", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "コンビニ" });
        await page.GetByLabel("受付番号・控えの番号").FillAsync("CVS-20261203-0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "支払いを記録する" }).ClickAsync();
        await page.GetByLabel("承認する").CheckAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "コメント" }).FillAsync("鑑札を郵送します。");
        await page.GetByRole(AriaRole.Button, new() { Name = "処理を確定する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("承認");
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        // The citizen sees the decision and the comment in My applications.
        await page.SignInAsync("citizen@example.jp");
        await page.GetByRole(AriaRole.Link, new() { Name = "マイページ(申請一覧)" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("承認");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("鑑札を郵送します。");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "アカウント設定" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "二段階認証の設定" }).ClickAsync();
        await Assertions.Expect(page.Locator("#qr-code")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "二段階認証を有効にする" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/account/delete");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_portal_switches_to_English_and_stays_accessible()
    {
        var page = await browser.NewPageAsync(new ViewportSize { Width = 375, Height = 740 });
        await page.GotoAsync("/procedures");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Find a procedure");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Register a dog and get its rabies vaccination tag" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/account/sign-in");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/account/register");
        await page.AssertAccessibleAsync();
        foreach (var url in new[] { "/account/forgot-password", "/account/resend-confirmation", "/account/check-email", "/account/sign-in/code", "/account/sign-in/code?recovery=true" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
        }

        await page.GotoAsync("/no-such-page");
        await page.AssertAccessibleAsync();
    }

    [GeneratedRegex("^エラー:")]
    private static partial Regex StartsWithError();
}
