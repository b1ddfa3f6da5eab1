using System.Net;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CityDx.IntegrationTests.Cases;

/// <summary>交付物: a PDF staff issue for an approved case, downloadable by its owner until it expires.</summary>
public sealed class IssuedDocumentTests(IssuedDocumentTests.Factory factory) : IClassFixture<IssuedDocumentTests.Factory>
{
    public sealed class Factory : ClockFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("IssuedDocuments:DefaultValidDays", "30");
        }
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
    private const string IssueForm = "form[action*=IssueDocument]";

    private static Task<HttpResponseMessage> IssueAsync(PortalClient staff, Guid caseId, string fileName, byte[] bytes) =>
        CaseForms.PostWithFilesAsync(staff, $"/staff/cases/{caseId}", IssueForm, [], [("Document", fileName, bytes)]);

    [Fact]
    public async Task Staff_issue_a_pdf_for_an_approved_case_the_owner_downloads_it_until_it_expires()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var staffUrl = $"/staff/cases/{caseId}";

        // Not before approval.
        Assert.Null((await kita.GetPageAsync(staffUrl)).QuerySelector(IssueForm));
        Assert.Equal(HttpStatusCode.Redirect, (await kita.PostFormAsync(staffUrl, new() { ["Action"] = "Approve", ["Comment"] = "鑑札を交付します。" })).StatusCode);

        // A PNG named .pdf is refused by its content.
        var fake = await PortalClient.ReadAsync(await IssueAsync(kita, caseId, "鑑札.pdf", Png));
        Assert.Contains("交付物はPDFファイルにしてください", fake.ErrorSummary());

        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(kita, caseId, "../../鑑札交付通知.pdf", Pdf)).StatusCode);

        // The owner sees it, with its last day, and downloads it as an attachment.
        var mine = await citizen.GetPageAsync($"/my/applications/{caseId}");
        var link = mine.QuerySelector("#document-list a")!;
        Assert.Equal("鑑札交付通知.pdf", link.TextContent.Trim());
        var href = link.GetAttribute("href")!;
        Assert.StartsWith($"/my/applications/{caseId}/documents/", href, StringComparison.Ordinal);
        var download = await citizen.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(download.Headers.CacheControl?.NoStore, "A personal download must not be kept by the browser or a proxy");

        // Nobody else: another citizen, another ward's staff.
        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(href)).StatusCode);
        var documentId = href.Split('/')[^1];
        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await miyakojima.Http.GetAsync($"/staff/cases/{caseId}/documents/{documentId}")).StatusCode);
        var staffDownload = await kita.Http.GetAsync($"/staff/cases/{caseId}/documents/{documentId}");
        Assert.Equal(HttpStatusCode.OK, staffDownload.StatusCode);
        Assert.True(staffDownload.Headers.CacheControl?.NoStore);

        // The default validity (30 days here) passes: the link is gone and the download is not found.
        factory.Clock.Advance(TimeSpan.FromDays(32));
        citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var later = await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Null(later.QuerySelector("#document-list"));
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Http.GetAsync(href)).StatusCode);

        // Staff keep it on record, marked as expired in words.
        var staffPage = await kita.GetPageAsync(staffUrl);
        Assert.Contains("期限切れ", staffPage.Text("#document-list"));
        Assert.Equal(HttpStatusCode.OK, (await kita.Http.GetAsync($"/staff/cases/{caseId}/documents/{documentId}")).StatusCode);
    }

    [Fact]
    public async Task Another_ward_cannot_issue_and_an_unapproved_case_refuses_a_document()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);

        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        var foreign = await CaseForms.PostWithFilesAsync(miyakojima, "/staff/cases", "header form[method=post]", [], [("Document", "x.pdf", Pdf)],
            $"/staff/cases/{caseId}?handler=IssueDocument");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var early = await PortalClient.ReadAsync(await CaseForms.PostWithFilesAsync(kita, "/staff/cases", "header form[method=post]", [], [("Document", "x.pdf", Pdf)],
            $"/staff/cases/{caseId}?handler=IssueDocument"));
        Assert.Contains("交付物は承認した案件にだけ登録できます", early.ErrorSummary());
        Assert.Null((await citizen.GetPageAsync($"/my/applications/{caseId}")).QuerySelector("#document-list"));
    }
}
