using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// An admin builds a new procedure's two-page form in the browser (a conditional question and an attachment),
/// previews and publishes it, with axe on every builder page visited; the procedure then appears in the catalogue
/// and a citizen files it, answering the conditional question and attaching a photo.
/// </summary>
public sealed class FormBuilderJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Code = "pet-permit-test";

    [Fact]
    public async Task Admin_builds_previews_and_publishes_a_two_page_form()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@example.jp");

        // A new procedure, applied for at a ward the applicant chooses, online.
        await page.GotoAsync("/admin/procedures/new");
        await page.GetByLabel("手続きコード").FillAsync(Code);
        await page.GetByLabel("名称(日本語)").FillAsync("ペット飼育の届出");
        await page.GetByLabel("名称(英語)").FillAsync("Pet keeping notice");
        await page.GetByLabel("分類").SelectOptionAsync("registration");
        await page.GetByLabel("申請者が選んだ区役所").CheckAsync();
        await Assertions.Expect(page.Locator("#channel-Online")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();

        // From the procedure list to its (empty) form editor; a draft is started.
        await page.GetByRole(AriaRole.Link, new() { Name = "様式を編集 (ペット飼育の届出)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("ペット飼育の届出");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下書きを作成" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("第1版の下書きを作成しました。");
        await page.AssertAccessibleAsync();

        // Page 1 gets titles.
        await page.GetByRole(AriaRole.Link, new() { Name = "ページを編集 (ページ1)" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("見出し(日本語)").FillAsync("飼い主");
        await page.GetByLabel("見出し(英語)").FillAsync("Owner");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();

        // A yes/no question, typed with the keyboard; a bad key first shows the error summary.
        var addField = page.GetByRole(AriaRole.Form, new() { Name = "質問を追加" });
        await addField.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "はい/いいえ" });
        await addField.GetByLabel("キー").FillAsync("Has Pet");
        await addField.GetByLabel("表示名(日本語)").FillAsync("ペットを飼っていますか");
        await addField.GetByLabel("表示名(英語)").FillAsync("Do you keep a pet?");
        await addField.GetByLabel("表示名(英語)").PressAsync("Enter");
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("キーは、半角英小文字で始め");
        await page.AssertAccessibleAsync();
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(addField.GetByLabel("キー")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("has_pet");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#field-has_pet")).ToBeVisibleAsync();

        // A question shown only when the answer is yes.
        await addField.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "短い文章" });
        await addField.GetByLabel("キー").FillAsync("pet_kind");
        await addField.GetByLabel("表示名(日本語)").FillAsync("ペットの種類");
        await addField.GetByLabel("表示名(英語)").FillAsync("Kind of pet");
        await addField.GetByRole(AriaRole.Button, new() { Name = "質問を追加" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "編集 (ペットの種類)" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("条件に使う質問").SelectOptionAsync("has_pet");
        await page.GetByLabel("条件", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "「はい」のとき" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#field-pet_kind")).ToContainTextAsync("「はい」のとき");

        // Page 2 with an attachment.
        var addStep = page.GetByRole(AriaRole.Form, new() { Name = "ページを追加" });
        await addStep.GetByLabel("キー").FillAsync("documents");
        await addStep.GetByLabel("見出し(日本語)").FillAsync("添付書類");
        await addStep.GetByLabel("見出し(英語)").FillAsync("Documents");
        await addStep.GetByRole(AriaRole.Button, new() { Name = "ページを追加" }).ClickAsync();
        await Assertions.Expect(page.Locator("#step-documents")).ToBeVisibleAsync();
        await addField.GetByLabel("追加するページ").SelectOptionAsync("documents");
        await addField.GetByLabel("種類").SelectOptionAsync(new SelectOptionValue { Label = "添付ファイル" });
        await addField.GetByLabel("キー").FillAsync("pet_photo");
        await addField.GetByLabel("表示名(日本語)").FillAsync("ペットの写真");
        await addField.GetByLabel("表示名(英語)").FillAsync("Photo of the pet");
        await addField.GetByRole(AriaRole.Button, new() { Name = "質問を追加" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "編集 (ペットの写真)" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "受け付けるファイル形式" }).GetByLabel("PNG(画像)").UncheckAsync();
        await page.GetByLabel("最大ファイル数").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#problems")).ToHaveTextAsync("問題はありません。公開できます。");
        await page.AssertAccessibleAsync();

        // The preview shows both pages as an applicant sees them.
        await page.GetByRole(AriaRole.Link, new() { Name = "プレビュー" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "飼い主" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "添付書類" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "ペットを飼っていますか" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("ペットの種類")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("ペットの写真")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "様式の編集に戻る" }).ClickAsync();

        // Published: version 1 is current and the procedure is in the public catalogue.
        await page.GetByRole(AriaRole.Button, new() { Name = "第1版を公開する" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("第1版を公開しました。");
        await Assertions.Expect(page.Locator("#version-1")).ToContainTextAsync("現在の版");
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/procedures/{Code}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ペット飼育の届出");
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        // A citizen files it: the conditional question appears only for "はい", and a photo is attached.
        await page.SignInAsync("citizen@example.jp");
        await page.GotoAsync($"/procedures/{Code}/apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }).ClickAsync();
        await page.GetByLabel("申請先の区役所").SelectOptionAsync(new SelectOptionValue { Label = "北区役所" });
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        var kind = page.GetByLabel("ペットの種類");
        await Assertions.Expect(kind).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "ペットを飼っていますか" }).GetByLabel("はい").CheckAsync();
        await Assertions.Expect(kind).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await kind.FillAsync("犬");
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();

        // The photo is on the admin's second page.
        await page.GetByLabel("ペットの写真").SetInputFilesAsync(new FilePayload
        {
            Name = "pochi.png",
            MimeType = "image/png",
            Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();

        // The admin allowed PDF and JPEG only: a PNG is refused by its content.
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("PDF, JPEG");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("ペットの写真").SetInputFilesAsync(new FilePayload
        {
            Name = "pochi.jpg",
            MimeType = "image/jpeg",
            Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("pochi.jpg");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "同意して申請する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "申請を受け付けました" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "申請内容を見る" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("犬");
        await Assertions.Expect(page.Locator("#attachments")).ToContainTextAsync("pochi.jpg");
        await page.AssertAccessibleAsync();
    }
}
