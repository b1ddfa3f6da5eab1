using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CityDx.BrowserTests;

/// <summary>
/// A citizen files a two-step form whose second step's questions appear only for a proxy, and
/// attaches a letter of attorney, in Chromium; axe on the form in both states.
/// </summary>
public sealed class ConditionalFilingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Code = "browser-proxy-request";

    private async Task EnsureProcedureAsync()
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        if (await db.Procedures.AnyAsync(p => p.Code == Code))
        {
            return;
        }

        var city = await db.OrganisationUnits.Where(u => u.Code == "osaka").Select(u => u.Id).SingleAsync();
        var procedure = new Procedure(Code, new ProcedureDetails("代理人による証明書請求", "Certificate request by a proxy", "代理人も申請できます。", "A proxy may apply.",
            "registration", [], "", "", "", [], [], null, FeeTiming.None, 3, Routing.ChosenWard, ChannelSet.Online, city));
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
        db.FormVersions.Add(procedure.PublishForm(new FormDefinition(
        [
            new FormStep("who", "申請者", "Applicant",
            [
                new("name", FieldType.PersonName, "氏名", "Name"),
                new("is_proxy", FieldType.YesNo, "代理人として申請しますか", "Are you applying as a proxy?"),
            ]),
            new FormStep("proxy", "代理人について", "About the proxy",
            [
                new("relationship", FieldType.ShortText, "本人との関係", "Relationship", ShowWhen: new Condition("is_proxy", ConditionOperator.IsYes)),
                new("letter", FieldType.FileUpload, "委任状", "Letter of attorney", ShowWhen: new Condition("is_proxy", ConditionOperator.IsYes),
                    AllowedFileTypes: ["pdf"], MaxFileSizeBytes: 1024 * 1024, MaxFiles: 1),
                new("agree", FieldType.Declaration, "申請内容の確認", "Declaration", ContentJa: "記載内容に誤りはありません。", ContentEn: "What I have entered is true."),
            ]),
        ]), 1, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Proxy_questions_appear_only_for_a_proxy_and_the_letter_is_attached()
    {
        await EnsureProcedureAsync();
        var page = await browser.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.SignInAsync("citizen2@example.jp");
        await page.GotoAsync($"/procedures/{Code}/apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請をはじめる" }).ClickAsync();
        await page.GetByLabel("申請先の区役所").SelectOptionAsync(new SelectOptionValue { Label = "北区役所" });
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();

        // The proxy page's questions follow the answer on the first page: no proxy, no questions about one.
        await page.GetByLabel("氏名", new() { Exact = true }).FillAsync("難波 太郎");
        await page.GetByRole(AriaRole.Group, new() { Name = "代理人として申請しますか" }).GetByLabel("いいえ").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        var relationship = page.GetByLabel("本人との関係");
        await Assertions.Expect(page.GetByLabel("上記の内容に同意します")).ToBeVisibleAsync();
        await Assertions.Expect(relationship).ToBeHiddenAsync();
        await page.AssertAccessibleAsync();

        // Back to say yes: the proxy page now asks about the proxy.
        await page.GetByRole(AriaRole.Link, new() { Name = "戻る" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("氏名", new() { Exact = true })).ToHaveValueAsync("難波 太郎");
        await page.GetByRole(AriaRole.Group, new() { Name = "代理人として申請しますか" }).GetByLabel("はい").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await Assertions.Expect(relationship).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await relationship.FillAsync("子");
        await page.GetByLabel("委任状").SetInputFilesAsync(new FilePayload
        {
            Name = "委任状.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        });
        await page.GetByLabel("上記の内容に同意します").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "次へ進む" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("委任状.pdf");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "同意して申請する" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "申請を受け付けました" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "申請内容を見る" }).ClickAsync();
        await Assertions.Expect(page.Locator("#attachments")).ToContainTextAsync("委任状.pdf");
        await page.AssertAccessibleAsync();
    }
}
