using System.Net;
using AngleSharp.Dom;
using CityDx.Domain.Cases;
using CityDx.IntegrationTests.Infrastructure;

namespace CityDx.IntegrationTests.Applications;

/// <summary>
/// The foundation's one end-to-end path, page by page: a citizen files, staff of the chosen ward
/// decide, the citizen sees the decision; staff of another ward can neither see nor act.
/// </summary>
public sealed class FilingPathTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task Citizen_files_ward_staff_approve_and_citizen_sees_the_decision()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen, "北区役所", "ハチ");
        Assert.True(ReceiptNumber.IsValid(receipt), $"'{receipt}' is not a valid receipt number");

        var mine = await citizen.GetPageAsync("/my/applications");
        Assert.Contains(receipt, mine.Body!.TextContent);

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var queue = await kita.GetPageAsync("/staff/cases");
        Assert.Contains(receipt, queue.Body!.TextContent);

        var detail = await kita.GetPageAsync($"/staff/cases/{caseId}");
        Assert.Equal("受付待ち", detail.Text("#status"));
        Assert.Contains("ハチ", detail.Body!.TextContent);

        var decided = await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = "Approve", ["Comment"] = "鑑札を郵送します。" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        var after = await kita.GetPageAsync($"/staff/cases/{caseId}");
        Assert.Equal("承認", after.Text("#status"));

        var seen = await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Equal("承認", seen.Text("#status"));
        Assert.Contains("鑑札を郵送します。", seen.Text(".timeline"));
    }

    [Fact]
    public async Task Staff_of_another_ward_can_neither_see_nor_act_on_the_case()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen, "北区役所");

        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        var queue = await miyakojima.GetPageAsync("/staff/cases");
        Assert.DoesNotContain(receipt, queue.Body!.TextContent);
        await miyakojima.GetPageAsync($"/staff/cases/{caseId}", HttpStatusCode.NotFound);

        // Posting a decision with a valid antiforgery token (from its own queue page) still finds nothing.
        var form = (await miyakojima.GetPageAsync("/staff/cases")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("header form[method=post]")!;
        var posted = await miyakojima.SubmitAsync(form, new() { ["Action"] = "Approve", ["ExpectedVersion"] = "1" }, $"/staff/cases/{caseId}");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal("受付待ち", (await kita.GetPageAsync($"/staff/cases/{caseId}")).Text("#status"));
    }

    [Fact]
    public async Task Another_citizen_cannot_open_the_application()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);

        var other = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        await other.GetPageAsync($"/my/applications/{caseId}", HttpStatusCode.NotFound);
        await other.GetPageAsync($"/my/applications/{caseId}/received", HttpStatusCode.NotFound);
        Assert.DoesNotContain(receipt, (await other.GetPageAsync("/my/applications")).Body!.TextContent);
    }

    [Fact]
    public async Task Central_procedures_go_to_the_central_centre_not_to_a_ward()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var response = await Filing.ApplyAsync(citizen, "juminhyo-copy", new()
        {
            ["Answers[full_name]"] = "大阪 花子",
            ["Answers[full_name_kana]"] = "おおさか はなこ",
            ["Answers[birth_date.era]"] = "平成",
            ["Answers[birth_date.year]"] = "2",
            ["Answers[birth_date.month]"] = "2",
            ["Answers[birth_date.day]"] = "28",
            ["Answers[address.postal_code]"] = "５３０－０００５",
            ["Answers[address.prefecture]"] = "大阪府",
            ["Answers[address.city]"] = "大阪市北区",
            ["Answers[address.town]"] = "中之島",
            ["Answers[address.street]"] = "1-3-20",
            ["Answers[copies]"] = "2",
            ["Answers[household]"] = "no",
            ["Answers[purpose]"] = "employment",
            ["Answers[phone]"] = "090-1234-5678",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = response.Headers.Location!.ToString().Split('/')[3];

        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        var detail = await central.GetPageAsync($"/staff/cases/{caseId}");
        var answers = detail.Text("main");
        Assert.Contains("オオサカ\u3000ハナコ", answers);
        Assert.Contains("平成2年(1990年)2月28日", answers);
        Assert.Contains("〒530-0005 大阪府大阪市北区中之島1-3-20", answers);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync($"/staff/cases/{caseId}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rejection_needs_a_reason_and_shows_it_to_the_citizen()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);

        var noReason = await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = "Reject", ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var page = await PortalClient.ReadAsync(noReason);
        Assert.StartsWith("エラー:", page.Title);
        Assert.Contains("却下する理由を入力してください。申請者に表示されます", page.ErrorSummary());
        Assert.Equal("受付待ち", page.Text("#status"));

        var rejected = await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = "Reject", ["Comment"] = "飼い主の住所が市外です。" });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var seen = await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Equal("却下", seen.Text("#status"));
        Assert.Contains("飼い主の住所が市外です。", seen.Text(".timeline"));
    }
}
