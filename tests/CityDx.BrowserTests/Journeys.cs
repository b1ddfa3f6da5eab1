using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>Steps several journeys share.</summary>
public static class Journeys
{
    /// <summary>
    /// Files the demo dog registration as the signed-in citizen (start, applicant page, dog page, check
    /// your answers, send), checking axe on each page; returns the receipt number.
    /// </summary>
    public static async Task<string> FileDogRegistrationAsync(this IPage page, string dogName, Func<Task>? onCheckAnswers = null)
    {
        await page.GotoAsync("/procedures/dog-registration/apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }).ClickAsync();
        await page.GetByLabel("申請先の区役所").SelectOptionAsync(new SelectOptionValue { Label = "北区役所" });
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await page.GetByLabel("犬の名前").FillAsync(dogName);
        await page.GetByLabel("犬種").FillAsync("秋田犬");
        await page.GetByRole(AriaRole.Group, new() { Name = "性別" }).GetByLabel("オス").CheckAsync();
        var born = page.GetByRole(AriaRole.Group, new() { Name = "生年月日" });
        await born.GetByLabel("年", new() { Exact = true }).FillAsync("2025");
        await born.GetByLabel("月", new() { Exact = true }).FillAsync("11");
        await born.GetByLabel("日", new() { Exact = true }).FillAsync("10");
        await page.GetByRole(AriaRole.Group, new() { Name = "今年度の狂犬病予防注射を受けましたか" }).GetByLabel("はい").CheckAsync();
        await page.GetByLabel("日中の連絡先電話番号").FillAsync("090-1234-5678");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申請内容の確認");
        await page.AssertAccessibleAsync();
        if (onCheckAnswers is not null)
        {
            await onCheckAnswers();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "同意して申請する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "申請を受け付けました" })).ToBeVisibleAsync();
        return (await page.Locator("#receipt-number").TextContentAsync())!.Trim();
    }

    /// <summary>Pays the fee of the application just filed with the simulated card, from its confirmation page (review waits for a fee due at filing).</summary>
    public static async Task PayByCardAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "手数料を支払う" }).ClickAsync();
        await page.Locator("#method-card").CheckAsync();
        await page.Locator("#CardNumber").FillAsync("4242 4242 4242 4242");
        await page.Locator("#CardExpiry").FillAsync("12/40");
        await page.Locator("#CardCvc").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "支払う", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#fee")).ToBeVisibleAsync();
    }
}
