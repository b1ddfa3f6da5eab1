using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Operations;

/// <summary>
/// The paths the benchmark drives (docs/performance.md), as a citizen or case worker sees them: filing
/// in one API call through the same requests as the pages, the queue filtered by filing dates, the
/// output-cached catalogue, and the floor page, which does not exist outside Development and Benchmark.
/// </summary>
public sealed class BenchmarkPathTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private async Task<object> DogFilingAsync(Dictionary<string, string?>? answers = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var kita = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().OrganisationUnits.SingleAsync(u => u.Code == "kita");
        return new
        {
            procedure = "dog-registration",
            wardId = kita.Id,
            isProxy = false,
            answers = answers ?? Filing.DogAnswers().ToDictionary(a => a.Key["Answers[".Length..^1], a => (string?)a.Value),
        };
    }

    [Fact]
    public async Task A_citizen_files_through_the_api_and_gets_a_receipt_a_history_line_and_a_confirmation_mail()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var response = await citizen.Http.PostAsJsonAsync("/api/v1/applications", await DogFilingAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var filed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var receipt = filed.GetProperty("receiptNumber").GetString()!;
        Assert.True(ReceiptNumber.IsValid(receipt));
        var caseId = filed.GetProperty("caseId").GetGuid();
        Assert.Equal($"/my/applications/{caseId}", response.Headers.Location!.ToString());

        // The citizen sees it among their applications, as if filed through the pages.
        Assert.Contains(receipt, (await citizen.GetPageAsync("/my/applications")).Body!.TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        Assert.Equal("Submit", (await db.CaseHistory.SingleAsync(h => h.CaseId == caseId)).Action);
        Assert.True(await db.Outbox.AnyAsync(m => m.CaseId == caseId));
    }

    [Fact]
    public async Task The_filing_api_checks_answers_like_the_pages_and_is_for_signed_in_citizens_only()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var answers = Filing.DogAnswers().ToDictionary(a => a.Key["Answers[".Length..^1], a => (string?)a.Value);
        answers["dog_name"] = "";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var (drafts, cases) = (await db.Drafts.CountAsync(), await db.Cases.CountAsync());
            var invalid = await citizen.Http.PostAsJsonAsync("/api/v1/applications", await DogFilingAsync(answers));
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("dog_name", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // One unit of work: the refused filing left no draft (and no case) behind.
            Assert.Equal((drafts, cases), (await db.Drafts.CountAsync(), await db.Cases.CountAsync()));
        }

        var anonymous = PortalClient.Create(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.PostAsJsonAsync("/api/v1/applications", await DogFilingAsync())).StatusCode);
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.PostAsJsonAsync("/api/v1/applications", await DogFilingAsync())).StatusCode);
    }

    [Fact]
    public async Task Staff_filter_the_queue_by_filing_date_in_japan_time()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (_, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ハチ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var today = CityDx.Domain.JapanTime.DateOf(DateTimeOffset.UtcNow);

        var filedToday = await kita.GetPageAsync($"/staff/cases?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.Contains(receipt, filedToday.Body!.TextContent, StringComparison.Ordinal);
        var filedFromTomorrow = await kita.GetPageAsync($"/staff/cases?from={today.AddDays(1):yyyy-MM-dd}");
        Assert.DoesNotContain(receipt, filedFromTomorrow.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_claim_every_case_matching_the_queue_filter_in_one_batch()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var filed = new List<string>();
        foreach (var dog in new[] { "コロ", "シロ", "クロ" })
        {
            filed.Add((await Filing.FileDogRegistrationAsync(citizen, wardNameJa: "都島区役所", dogName: dog)).ReceiptNumber);
        }

        var staff = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        const string filter = "/staff/cases?status=Submitted&assignee=Nobody";
        var queue = await staff.GetPageAsync(filter);
        var form = queue.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#batch-form")!;
        var result = await PortalClient.ReadAsync(await staff.SubmitAsync(form, new() { ["AllMatching"] = "true", ["BatchActionCode"] = "Claim" }, form.GetAttribute("action")!));

        Assert.Contains($"{filed.Count}件を処理しました。0件は処理できませんでした。", result.Text("#batch-result"));
        var mine = await staff.GetPageAsync("/staff/cases?assignee=Me");
        Assert.All(filed, receipt => Assert.Contains(receipt, mine.Body!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cached_catalogue_is_never_another_visitors_page_signed_in_or_in_another_language()
    {
        // An anonymous visit in Japanese fills the catalogue cache.
        var anonymous = PortalClient.Create(factory);
        var japanese = await anonymous.GetPageAsync("/procedures/dog-registration");
        Assert.Contains("犬の登録", japanese.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await anonymous.Http.GetAsync("/procedures/dog-registration")).Headers.Age);

        // An English visitor gets English, a signed-in citizen gets their own page (with sign out), not the cached one.
        var english = await anonymous.GetPageAsync("/procedures/dog-registration?culture=en");
        Assert.Contains("Register a dog", english.Body!.TextContent, StringComparison.Ordinal);
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var signedIn = await citizen.GetPageAsync("/procedures/dog-registration");
        Assert.NotNull(signedIn.QuerySelector("form.inline-form[method=post]"));
        Assert.Null(japanese.QuerySelector("form.inline-form[method=post]"));
    }

    [Fact]
    public async Task The_benchmark_floor_page_does_not_exist_outside_development_and_benchmark()
    {
        var anonymous = PortalClient.Create(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/_benchmark/floor/dog-registration")).StatusCode);
    }
}
