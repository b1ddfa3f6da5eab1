using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>窓口代行申請 in the browser: a postal application entered by ward staff, its 受付票 and the case page, axe on each.</summary>
public sealed partial class CounterFilingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_enter_a_postal_application_and_print_the_receipt_slip()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("staff.kita@example.jp");
        await page.GetByRole(AriaRole.Link, new() { Name = "窓口代行申請" }).ClickAsync();
        await page.GetByLabel("手続き").SelectOptionAsync(new SelectOptionValue { Label = "犬の死亡届 (窓口・郵送)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "この手続きで受け付ける" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "犬の死亡届", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Who the visitor is: without an account, the account email is not asked (and the other way round).
        await Assertions.Expect(page.GetByLabel("申請者アカウントのメールアドレス")).ToBeHiddenAsync();
        await page.GetByLabel("アカウントあり(メールアドレスで検索)").CheckAsync();
        await Assertions.Expect(page.GetByLabel("来庁者(申請者)の氏名")).ToBeHiddenAsync();
        await page.GetByLabel("アカウントなし(氏名と連絡先を入力)").CheckAsync();

        await page.GetByLabel("郵送", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("来庁者(申請者)の氏名").FillAsync("大阪 花子");
        await page.GetByLabel("来庁者の氏名(フリガナ)").FillAsync("おおさか はなこ");
        await page.GetByLabel("飼い主の氏名", new() { Exact = true }).FillAsync("大阪 花子");
        await page.GetByLabel("飼い主の氏名(フリガナ)").FillAsync("オオサカ ハナコ");
        var address = page.GetByRole(AriaRole.Group, new() { Name = "飼い主の住所" });
        await address.GetByLabel("郵便番号").FillAsync("5300005");
        await address.GetByLabel("都道府県").SelectOptionAsync("大阪府");
        await address.GetByLabel("市区町村").FillAsync("大阪市北区");
        await address.GetByLabel("番地・建物名・部屋番号").FillAsync("1-3-20");
        await page.GetByLabel("日中の連絡先電話番号").FillAsync("06-6208-8181");
        await page.GetByLabel("犬の名前").FillAsync("ポチ");
        await page.GetByLabel("犬種").FillAsync("柴犬");
        var died = page.GetByRole(AriaRole.Group, new() { Name = "死亡した日" });
        await died.GetByLabel("年").FillAsync("2026");
        await died.GetByLabel("月").FillAsync("11");
        await died.GetByLabel("日", new() { Exact = true }).FillAsync("1");

        // Forgetting the identity check: the error summary takes focus and links to the question.
        await page.GetByRole(AriaRole.Button, new() { Name = "申請を受け付ける" }).ClickAsync();
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("本人確認の方法を選んでください");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("郵送(本人確認書類の写しを同封)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "申請を受け付ける" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ReceiptPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "受付票" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "受付票を印刷する" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var receiptNumber = (await page.Locator("#receipt-number").TextContentAsync())!.Trim();

        var caseId = page.Url.Split('/')[^1];
        await page.GotoAsync($"/staff/cases/{caseId}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(receiptNumber);
        await Assertions.Expect(page.Locator("#counter-reception")).ToContainTextAsync("郵送(本人確認書類の写しを同封)");
        await page.AssertAccessibleAsync();
    }

    [GeneratedRegex("/staff/counter/receipts/[0-9a-f-]{36}$")]
    private static partial Regex ReceiptPage();
}
