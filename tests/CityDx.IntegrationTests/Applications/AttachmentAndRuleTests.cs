using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

/// <summary>
/// A two-step form with a show-when rule and a file question: hidden answers are neither checked
/// nor stored, files are judged by their content, and attachments download only for their owner
/// and the staff of the case's unit.
/// </summary>
public sealed class AttachmentAndRuleTests(CityDxFactory factory) : IClassFixture<CityDxFactory>, IAsyncLifetime
{
    private const string Code = "test-proxy-certificate";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        if (await db.Procedures.AnyAsync(p => p.Code == Code))
        {
            return;
        }

        var kita = await db.OrganisationUnits.Where(u => u.Code == "osaka").Select(u => u.Id).SingleAsync();
        var procedure = new Procedure(Code, new ProcedureDetails("代理人による証明書請求", "Certificate request by a proxy", "テスト", "Test",
            "registration", [], "", "", "", [], [], null, FeeTiming.None, 3, Routing.ChosenWard, ChannelSet.Online, kita));
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
        var definition = new FormDefinition(
        [
            new FormStep("who", "申請者", "Applicant",
            [
                new("name", FieldType.PersonName, "氏名", "Name"),
                new("is_proxy", FieldType.YesNo, "代理人として申請しますか", "Are you applying as a proxy?"),
            ]),
            new FormStep("proxy", "代理人", "Proxy",
            [
                new("relationship", FieldType.ShortText, "本人との関係", "Relationship", ShowWhen: new Condition("is_proxy", ConditionOperator.IsYes)),
                new("letter", FieldType.FileUpload, "委任状", "Letter of attorney", ShowWhen: new Condition("is_proxy", ConditionOperator.IsYes),
                    AllowedFileTypes: ["pdf"], MaxFileSizeBytes: 1024 * 1024, MaxFiles: 1),
            ]),
        ]);
        db.FormVersions.Add(procedure.PublishForm(definition, 1, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<HttpResponseMessage> FileAsync(PortalClient client, Dictionary<string, string> answers, (string Name, byte[] Bytes)? letter)
    {
        var fields = new Dictionary<string, string>(answers) { ["WardId"] = await Filing.WardIdAsync(client, "北区役所") };
        return await Filing.ApplyAsync(client, Code, fields, letter is { } file ? [new TestFile("letter", file.Name, file.Bytes)] : null);
    }

    private async Task<(int Cases, int Attachments)> CountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        return (await db.Cases.CountAsync(), await db.Attachments.CountAsync());
    }

    [Fact]
    public async Task Hidden_questions_are_neither_checked_nor_stored()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var response = await FileAsync(citizen, new()
        {
            ["Answers[name]"] = "大阪 花子",
            ["Answers[is_proxy]"] = "no",
            ["Answers[relationship]"] = new string('x', 500),
        }, null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = response.Headers.Location!.ToString().Split('/')[3];
        var mine = await citizen.GetPageAsync($"/my/applications/{id}");
        Assert.DoesNotContain("本人との関係", mine.Text("main"));
    }

    [Fact]
    public async Task A_shown_question_is_required_and_a_file_is_judged_by_its_content()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var before = await CountsAsync();
        var fake = await FileAsync(citizen, new()
        {
            ["Answers[name]"] = "大阪 花子",
            ["Answers[is_proxy]"] = "yes",
        }, ("委任状.pdf", "MZ this is really a program"u8.ToArray()));

        var page = await PortalClient.ReadAsync(fake);
        Assert.Equal(HttpStatusCode.OK, fake.StatusCode);
        Assert.Contains("本人との関係を入力してください", page.ErrorSummary());
        Assert.Contains(page.ErrorSummary(), e => e.Contains("PDF", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_attachment_downloads_for_its_owner_and_the_units_staff_only()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var response = await FileAsync(citizen, new()
        {
            ["Answers[name]"] = "大阪 花子",
            ["Answers[is_proxy]"] = "yes",
            ["Answers[relationship]"] = "母",
        }, ("../../委任状.pdf", Pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = response.Headers.Location!.ToString().Split('/')[3];

        var detail = await citizen.GetPageAsync($"/my/applications/{caseId}");
        var link = detail.QuerySelector<IHtmlAnchorElement>("#attachments a")!;
        Assert.Equal("委任状.pdf", link.TextContent.Trim());
        var href = link.GetAttribute("href")!;

        var own = await citizen.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await own.Content.ReadAsByteArrayAsync());

        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(href)).StatusCode);

        var attachmentId = href.Split('/')[^1];
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.OK, (await kita.Http.GetAsync($"/staff/cases/{caseId}/attachments/{attachmentId}")).StatusCode);
        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await miyakojima.Http.GetAsync($"/staff/cases/{caseId}/attachments/{attachmentId}")).StatusCode);
        // Another case's id in the address does not unlock it either.
        Assert.Equal(HttpStatusCode.NotFound, (await kita.Http.GetAsync($"/staff/cases/{Guid.NewGuid()}/attachments/{attachmentId}")).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Attachments.SingleAsync(a => a.Id == Guid.Parse(attachmentId));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), stored.File.Sha256);
    }
}
