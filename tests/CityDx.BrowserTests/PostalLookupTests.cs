using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>郵便番号 → 住所, with JavaScript (filled in place) and without (the button posts back).</summary>
public sealed partial class PostalLookupTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Typing_a_postal_code_and_pressing_find_fills_the_address(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript: javaScript);
        await page.SignInAsync("citizen@example.jp");
        await page.GotoAsync("/procedures/juminhyo-copy/apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();   // filing for oneself
        await page.GetByLabel("氏名", new() { Exact = true }).FillAsync("大阪 花子");
        var address = page.GetByRole(AriaRole.Group, new() { Name = "住所(住民登録をしている住所)" });
        await address.GetByLabel("郵便番号").FillAsync("５３０－０００５");

        await address.GetByRole(AriaRole.Button, new() { Name = "住所を検索" }).ClickAsync();

        await Assertions.Expect(address.GetByLabel("都道府県")).ToHaveValueAsync("大阪府");
        await Assertions.Expect(address.GetByLabel("市区町村")).ToHaveValueAsync("大阪市北区");
        await Assertions.Expect(address.GetByLabel("町域 (任意)")).ToHaveValueAsync("中之島");
        await Assertions.Expect(address.GetByRole(AriaRole.Status)).ToContainTextAsync("住所を入力しました");
        // What was typed elsewhere is kept either way, and JavaScript did it without leaving the page.
        await Assertions.Expect(page.GetByLabel("氏名", new() { Exact = true })).ToHaveValueAsync("大阪 花子");
        if (javaScript)
        {
            await Assertions.Expect(page).Not.ToHaveURLAsync(LookupHandler());
            await Assertions.Expect(address.GetByLabel("番地・建物名・部屋番号")).ToBeFocusedAsync();
            await page.AssertAccessibleAsync();
        }
        else
        {
            // (axe itself is JavaScript, so it checks the same markup in the JavaScript run.)
            await Assertions.Expect(page).ToHaveURLAsync(LookupHandler());
        }
    }

    [Fact]
    public async Task An_unknown_postal_code_lets_the_citizen_type_the_address()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("citizen@example.jp");
        await page.GotoAsync("/procedures/juminhyo-copy/apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();   // filing for oneself
        var address = page.GetByRole(AriaRole.Group, new() { Name = "住所(住民登録をしている住所)" });
        await address.GetByLabel("郵便番号").FillAsync("100-0001");
        await address.GetByRole(AriaRole.Button, new() { Name = "住所を検索" }).ClickAsync();
        await Assertions.Expect(address.GetByRole(AriaRole.Status)).ToContainTextAsync("見つかりませんでした");
        await Assertions.Expect(address.GetByLabel("都道府県")).ToBeEditableAsync();
    }

    [GeneratedRegex("handler=Lookup", RegexOptions.IgnoreCase)]
    private static partial Regex LookupHandler();
}
