using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

/// <summary>代理申請: both people are on the case, and a 委任状 is required where the procedure says so.</summary>
public sealed class ProxyFilingTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private static Task<HttpResponseMessage> PostAsync(PortalClient client, Dictionary<string, string> fields, byte[]? letter) =>
        Filing.ApplyAsync(client, "juminhyo-copy", fields, letter is null ? null : [new TestFile("_proxy_letter", "委任状.pdf", letter)]);

    [Fact]
    public async Task A_proxy_must_name_the_person_and_attach_the_letter_when_the_procedure_requires_it()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var fields = Filing.ResidenceAnswers();
        fields["Proxy.Filer"] = "proxy";

        var refused = await PortalClient.ReadAsync(await PostAsync(citizen, fields, null));

        Assert.Equal(
            ["対象者(申請される方)の氏名を入力してください", "対象者の氏名(フリガナ)を入力してください", "対象者との関係を入力してください", "委任状のファイルを選んでください"],
            refused.ErrorSummary());
    }

    [Fact]
    public async Task Both_people_are_on_the_case_and_the_letter_is_attached()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var fields = Filing.ResidenceAnswers();
        fields["Proxy.Filer"] = "proxy";
        fields["Answers[_subject_name]"] = "難波 花";
        fields["Answers[_subject_kana]"] = "なんば はな";
        fields["Answers[_relationship]"] = "母";

        var response = await PostAsync(citizen, fields, "%PDF-1.4\n%%EOF\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = Guid.Parse(response.Headers.Location!.ToString().Split('/')[3]);

        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        var detail = await central.GetPageAsync($"/staff/cases/{caseId}");
        Assert.Contains("難波 花", detail.Text("#proxy"));
        Assert.Contains("ナンバ\u3000ハナ", detail.Text("#proxy"));
        Assert.Contains("母", detail.Text("#proxy"));
        Assert.Contains("難波 太郎", detail.Text("main"));
        Assert.Contains("委任状.pdf", detail.Text("#attachments"));

        await using var scope = factory.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases.SingleAsync(c => c.Id == caseId);
        Assert.True(saved.FiledByProxy);
        Assert.NotNull(saved.ApplicantUserId);
    }

    [Fact]
    public async Task Filing_for_oneself_records_no_proxy()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var fields = Filing.ResidenceAnswers();
        fields["Proxy.Filer"] = "self";
        fields["Answers[_subject_name]"] = "無視される";
        var response = await PostAsync(citizen, fields, null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mine = await citizen.GetPageAsync(response.Headers.Location!.ToString().Replace("/received", "", StringComparison.Ordinal));
        Assert.Null(mine.QuerySelector("#proxy"));
    }
}
