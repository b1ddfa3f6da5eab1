using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// The staff side end to end: an admin turns the approval step on for a procedure; a citizen files;
/// a member of staff filters the queue, claims the case and asks for a correction; the citizen
/// corrects it; the reviewer sends it for approval; a different person, the approver, approves it.
/// axe on every staff page.
/// </summary>
public sealed class StaffJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_case_goes_from_the_queue_through_a_correction_to_a_different_approver()
    {
        var page = await browser.NewPageAsync();

        // The admin turns on 決裁 for dog registration.
        await page.SignInAsync("admin@example.jp");
        await page.GotoAsync("/admin/procedures/dog-registration/workflow");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("決裁を行う(審査のあと決裁者が承認・却下する)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#states")).ToContainTextAsync("決裁待ち");
        await page.SignOutAsync();

        await page.SignInAsync("citizen@example.jp");
        var receipt = await page.FileDogRegistrationAsync("ジロー");
        await page.PayByCardAsync();
        await page.SignOutAsync();

        // Staff find it by its receipt number, claim it and ask for the dog's name to be corrected.
        await page.SignInAsync("staff.kita@example.jp");
        await page.GotoAsync("/staff/cases");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "受付番号" }).FillAsync(receipt);
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.table--queue tbody tr")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "自分が担当する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#assignee")).ToHaveTextAsync("北区 職員");
        var correction = page.GetByRole(AriaRole.Form, new() { Name = "補正依頼" });
        await correction.GetByLabel("犬の名前").CheckAsync();
        await correction.GetByLabel("補正の理由").FillAsync("犬の名前をカタカナで書いてください。");
        await page.AssertAccessibleAsync();
        await correction.GetByRole(AriaRole.Button, new() { Name = "補正を依頼する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("補正依頼中");
        await Assertions.Expect(page.Locator("#due-state")).ToContainTextAsync("期限停止中");
        await page.SignOutAsync();

        // The citizen corrects the name.
        await page.SignInAsync("citizen@example.jp");
        await page.GotoAsync("/my/applications");
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "補正する" }).ClickAsync();
        await page.GetByLabel("犬の名前").FillAsync("ジロウ");
        await page.GetByRole(AriaRole.Button, new() { Name = "補正して再提出する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("処理中");
        await page.SignOutAsync();

        // The reviewer finds it among their own cases and sends it for approval; approving is not theirs to do.
        await page.SignInAsync("staff.kita@example.jp");
        await page.GotoAsync("/staff/cases?assignee=Me");
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("審査中");
        await Assertions.Expect(page.GetByLabel("承認する")).ToHaveCountAsync(0);
        await page.GetByLabel("決裁に回す").CheckAsync();
        await page.Locator("#Comment").FillAsync("名前の補正を確認しました。");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "処理を確定する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("決裁待ち");
        await page.SignOutAsync();

        // A different person, the approver, approves.
        await page.SignInAsync("approver.kita@example.jp");
        await page.GotoAsync("/staff/cases?status=AwaitingApproval");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await page.GetByLabel("承認する").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "処理を確定する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("承認");
        var history = page.Locator("main table").Last;
        await Assertions.Expect(history).ToContainTextAsync("決裁に回す");
        await Assertions.Expect(history).ToContainTextAsync("北区 決裁者");
        await page.AssertAccessibleAsync();
    }
}
