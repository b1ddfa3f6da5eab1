using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

/// <summary>Bad input changes nothing and says why; a repeated submit never makes a second application.</summary>
public sealed class SubmissionTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private async Task<int> CaseCountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases.CountAsync();
    }

    [Fact]
    public async Task Missing_and_wrong_answers_are_listed_in_the_error_summary_and_nothing_is_stored()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var before = await CaseCountAsync();
        var fields = Filing.DogAnswers();
        fields["Answers[dog_name]"] = "";
        fields["Answers[phone]"] = "12345";
        fields["Answers[sex]"] = "unicorn";

        var first = await Filing.StartAsync(citizen, "dog-registration");

        // One page at a time: the applicant page asks for the ward office first.
        var applicant = await PortalClient.ReadAsync(await Filing.PostPageAsync(citizen, first, fields));
        Assert.StartsWith("エラー:", applicant.Title);
        Assert.Equal(["申請先の区役所を選択してください"], applicant.ErrorSummary());
        Assert.Contains("#WardId", applicant.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Contains("ステップ 1 / 2", applicant.Text(".caption"));

        fields["WardId"] = await Filing.WardIdAsync(citizen, "北区役所");
        var (response, check) = await Filing.FillAsync(citizen, first, fields);
        Assert.Null(check);
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        var page = await PortalClient.ReadAsync(response);
        Assert.StartsWith("エラー:", page.Title);
        Assert.Equal(
            ["犬の名前を入力してください", "性別は選択肢から選んでください", "日中の連絡先電話番号は 06-6208-8181 のような電話番号で入力してください"],
            page.ErrorSummary());
        // Each summary link points at the field it is about, and the answers typed are kept.
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#answer-dog_name", links);
        Assert.NotNull(page.GetElementById("answer-dog_name"));
        Assert.Equal("柴犬", page.QuerySelector<IHtmlInputElement>("#answer-breed")!.Value);
        Assert.Contains("ステップ 2 / 2", page.Text(".caption"));
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task Errors_are_in_English_when_the_citizen_chose_English()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var fields = Filing.DogAnswers();
        fields["WardId"] = await Filing.WardIdAsync(citizen, "北区役所");
        await citizen.Http.GetAsync("/language?culture=en&returnUrl=/");
        fields["Answers[dog_name]"] = "";

        var page = await PortalClient.ReadAsync(await Filing.ApplyAsync(citizen, "dog-registration", fields));

        Assert.StartsWith("Error:", page.Title);
        Assert.Contains("Enter Dog's name", page.ErrorSummary());
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_makes_one_application()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var fields = Filing.DogAnswers("二重送信");
        fields["WardId"] = await Filing.WardIdAsync(citizen, "都島区役所");
        var (_, check) = await Filing.FillAsync(citizen, await Filing.StartAsync(citizen, "dog-registration"), fields);
        var form = (await citizen.GetPageAsync(check!)).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var before = await CaseCountAsync();

        var first = await citizen.SubmitAsync(form, [], check!);
        var again = await citizen.SubmitAsync(form, [], check!);
        var racing = await Task.WhenAll(citizen.SubmitAsync(form, [], check!), citizen.SubmitAsync(form, [], check!));
        // The back button after submitting shows the application made, not the form again.
        var back = await citizen.Http.GetAsync(check);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.All(racing.Append(again).Append(back), r => Assert.Equal(first.Headers.Location, r.Headers.Location));
        Assert.Equal(before + 1, await CaseCountAsync());
    }

    [Fact]
    public async Task Two_staff_deciding_at_once_exactly_one_wins_and_the_other_sees_why()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var approver = await PortalClient.SignedInAsync(factory, Demo.KitaStaff); // a second desk, same office
        var url = $"/staff/cases/{caseId}";
        var staffForm = (await staff.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var approverForm = (await approver.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("main form[method=post]")!;

        var results = await Task.WhenAll(
            staff.SubmitAsync(staffForm, new() { ["Action"] = "Approve", ["Comment"] = "A" }, url),
            approver.SubmitAsync(approverForm, new() { ["Action"] = "Reject", ["Comment"] = "B" }, url));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        var page = await PortalClient.ReadAsync(loser);
        Assert.Contains("他の職員が先にこの案件を更新しました", page.Text(".notice"));
        Assert.Contains(page.Text("#status"), new[] { "承認", "却下" });

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        Assert.Equal(2, await db.CaseHistory.CountAsync(h => h.CaseId == caseId));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var before = await CaseCountAsync();
        var fields = Filing.DogAnswers();
        fields["WardId"] = await Filing.WardIdAsync(citizen, "北区役所");
        var first = await Filing.StartAsync(citizen, "dog-registration");
        var (_, check) = await Filing.FillAsync(citizen, first, fields);

        var step = await citizen.Http.PostAsync(first, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, step.StatusCode);
        var response = await citizen.Http.PostAsync(check, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CaseCountAsync());
    }
}
