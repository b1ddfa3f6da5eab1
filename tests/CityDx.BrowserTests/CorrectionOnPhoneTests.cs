using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// On a phone-sized screen: a citizen files a multi-page application, staff ask for a correction of
/// one question, the citizen corrects exactly that question and resubmits, then withdraws the
/// application with a reason; staff see every step in the history. axe on every page.
/// </summary>
public sealed class CorrectionOnPhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_filing_goes_through_a_correction_cycle_and_a_withdrawal_on_a_phone()
    {
        var page = await browser.NewPageAsync(new ViewportSize { Width = 360, Height = 740 });

        // File: start, the applicant page, the dog page, check your answers, send.
        await page.SignInAsync("citizen2@example.jp");
        // Nothing is wider than the phone's screen on the check-your-answers page.
        var receipt = await page.FileDogRegistrationAsync("ハチ", async () =>
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")));
        await page.SignOutAsync();

        // Staff ask for the dog's name to be corrected.
        await page.SignInAsync("staff.kita@example.jp");
        await page.GotoAsync("/staff/cases");
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        var correction = page.GetByRole(AriaRole.Form, new() { Name = "補正依頼" });
        await correction.GetByLabel("犬の名前").CheckAsync();
        await correction.GetByLabel("補正の理由").FillAsync("犬の名前を鑑札の表記と同じにしてください。");
        await page.AssertAccessibleAsync();
        await correction.GetByRole(AriaRole.Button, new() { Name = "補正を依頼する" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("補正依頼中");
        await page.SignOutAsync();

        // The citizen sees the request and can change exactly that question.
        await page.SignInAsync("citizen2@example.jp");
        await page.GotoAsync("/my/applications");
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("補正をお願いしています");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("鑑札の表記と同じに");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "補正する" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("犬種")).ToHaveCountAsync(0);
        await page.GetByLabel("犬の名前").FillAsync("はち公");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "補正して再提出する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("処理中");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("はち公");

        // Then withdraws it, with a reason.
        await page.GetByLabel("取り下げる理由").FillAsync("転居のため、転居先で申請します。");
        await page.GetByRole(AriaRole.Button, new() { Name = "取り下げる" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("取下げ");
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        // Staff see the whole story: the correction with both versions, and the withdrawal.
        await page.SignInAsync("staff.kita@example.jp");
        await page.GotoAsync(await StaffCaseUrlAsync(receipt));
        var history = page.Locator("main");
        await Assertions.Expect(history).ToContainTextAsync("ハチ");
        await Assertions.Expect(history).ToContainTextAsync("はち公");
        await Assertions.Expect(history).ToContainTextAsync("転居のため");
        await page.AssertAccessibleAsync();
    }

    /// <summary>The staff case page of a receipt number (a closed case is no longer in the work queue).</summary>
    private async Task<string> StaffCaseUrlAsync(string receipt)
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var id = await db.Cases.Where(c => c.ReceiptNumber == receipt).Select(c => c.Id).SingleAsync();
        return $"/staff/cases/{id}";
    }
}
