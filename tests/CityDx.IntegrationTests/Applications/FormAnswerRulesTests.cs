using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

/// <summary>
/// Impossible dates and addresses that do not hang together are refused on the server with a message that says
/// what is wrong, and nothing of the refused page is kept (issue #16 items 1 and 2).
/// </summary>
public sealed class FormAnswerRulesTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    /// <summary>住民票の写し answers with the birth date typed in parts, as the 和暦 select and boxes send it.</summary>
    internal static Dictionary<string, string> BornOn(string era, string year, string month, string day)
    {
        var answers = Filing.ResidenceAnswers();
        answers.Remove("Answers[birth_date]");
        answers["Answers[birth_date.era]"] = era;
        answers["Answers[birth_date.year]"] = year;
        answers["Answers[birth_date.month]"] = month;
        answers["Answers[birth_date.day]"] = day;
        return answers;
    }

    private async Task<bool> AnySavedAsync(string marker)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        return await db.Drafts.AnyAsync(d => d.AnswersJson.Contains(marker));
    }

    [Fact]
    public async Task A_postal_code_of_another_ward_is_refused_with_where_it_belongs_and_nothing_is_saved()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var answers = Filing.ResidenceAnswers();
        answers["Answers[address.city]"] = "大阪市中央区";
        answers["Answers[address.town]"] = "不一致町";

        var (errors, check) = await Filing.FillAsync(citizen, await Filing.StartAsync(citizen, "juminhyo-copy"), answers);

        Assert.Null(check);
        Assert.Equal(HttpStatusCode.OK, errors!.StatusCode);
        var page = await PortalClient.ReadAsync(errors);
        Assert.Contains(page.ErrorSummary(), e => e.Contains("郵便番号530-0005は大阪府大阪市北区の番号です", StringComparison.Ordinal));
        Assert.False(await AnySavedAsync("不一致町"));
    }

    [Fact]
    public async Task The_prefecture_is_chosen_from_the_47_and_a_typed_street_is_refused()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var answers = Filing.ResidenceAnswers();
        answers["Answers[address.prefecture]"] = "中之島1-3-20";
        var location = await Filing.StartAsync(citizen, "juminhyo-copy");

        var (errors, _) = await Filing.FillAsync(citizen, location, answers);

        var page = await PortalClient.ReadAsync(errors!);
        Assert.Contains(page.ErrorSummary(), e => e.Contains("都道府県を一覧から選んでください", StringComparison.Ordinal));
        var select = page.QuerySelector<IHtmlSelectElement>("select#answer-address-prefecture")!;
        Assert.Equal(47, select.Options.Count(o => o.Value.Length > 0 && o.Value != "中之島1-3-20"));
    }

    [Fact]
    public async Task A_western_year_typed_as_a_reiwa_year_is_refused_naming_the_eras_years()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var answers = FormAnswerRulesTests.BornOn("令和", "2026", "12", "1");

        var (errors, check) = await Filing.FillAsync(citizen, await Filing.StartAsync(citizen, "juminhyo-copy"), answers);

        Assert.Null(check);
        var page = await PortalClient.ReadAsync(errors!);
        Assert.Contains(page.ErrorSummary(), e => e.Contains("令和は元年から", StringComparison.Ordinal) && e.Contains("西暦", StringComparison.Ordinal));
        Assert.False(await AnySavedAsync("4044-12-01"));
    }
}

/// <summary>The city chooses how Japanese pages write dates (Display:DateStyle); staff then read the answer that way.</summary>
public sealed class DateStyleTests(DateStyleTests.Factory factory) : IClassFixture<DateStyleTests.Factory>
{
    public sealed class Factory : CityDxFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Display:DateStyle", "Western");
        }
    }

    [Fact]
    public async Task A_city_that_writes_the_western_calendar_shows_staff_the_birth_date_without_the_era()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var answers = FormAnswerRulesTests.BornOn("平成", "2", "2", "28");
        var response = await Filing.ApplyAsync(citizen, "juminhyo-copy", answers);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = response.Headers.Location!.ToString().Split('/')[3];

        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        var detail = (await central.GetPageAsync($"/staff/cases/{caseId}")).Text("main");
        Assert.Contains("1990年2月28日", detail);
        Assert.DoesNotContain("平成2年", detail);
    }
}
