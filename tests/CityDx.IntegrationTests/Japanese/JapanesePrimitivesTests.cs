using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Infrastructure.Persistence;
using CityDx.Infrastructure.PostalCodes;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Japanese;

/// <summary>The calendar, postal-code and 和暦 primitives as users and integrations reach them.</summary>
public sealed class JapanesePrimitivesTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task Holidays_of_a_year_come_sorted_with_their_kind()
    {
        var days = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/calendar/holidays?year=2026");
        var list = days.EnumerateArray().Select(d => (Date: d.GetProperty("date").GetString()!, Name: d.GetProperty("name").GetString()!, Kind: d.GetProperty("kind").GetString()!)).ToList();
        Assert.Equal(list.OrderBy(d => d.Date, StringComparer.Ordinal), list);
        Assert.Contains(("2026-01-01", "元日", "national"), list);
        Assert.Contains(("2026-09-22", "国民の休日", "citizens"), list);
        Assert.Contains(list, d => d.Date == "2026-05-06" && d.Kind == "substitute");
        Assert.Contains(list, d => d.Date == "2026-12-29" && d.Kind == "city");
        Assert.Contains(list, d => d.Date == "2026-01-02" && d.Kind == "city");
    }

    [Theory]
    [InlineData(1955)]
    [InlineData(2099)]
    public async Task Every_supported_year_answers(int year) =>
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync($"/api/v1/calendar/holidays?year={year}")).StatusCode);

    [Theory]
    [InlineData(1954)]
    [InlineData(2100)]
    public async Task A_year_out_of_range_is_a_400_problem(int year)
    {
        var response = await factory.CreateClient().GetAsync($"/api/v1/calendar/holidays?year={year}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1955", problem.GetProperty("errors").GetProperty("Year")[0].GetString());
    }

    [Fact]
    public async Task The_holidays_endpoint_is_in_swagger()
    {
        var doc = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/calendar/holidays", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/postal-codes/{code}", out _));
    }

    [Theory]
    [InlineData("5300005")]
    [InlineData("530-0005")]
    [InlineData("５３０－０００５")]
    public async Task A_postal_code_gives_its_address_in_any_width(string code)
    {
        var result = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/postal-codes/{Uri.EscapeDataString(code)}");
        Assert.Equal("530-0005", result.GetProperty("postalCode").GetString());
        var address = result.GetProperty("addresses")[0];
        Assert.Equal("大阪府", address.GetProperty("prefecture").GetString());
        Assert.Equal("大阪市北区", address.GetProperty("city").GetString());
        Assert.Equal("中之島", address.GetProperty("town").GetString());
    }

    [Fact]
    public async Task Unknown_and_malformed_postal_codes_say_so()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/postal-codes/1000001")).StatusCode);
        var bad = await client.GetAsync("/api/v1/postal-codes/12345");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_leaves_the_same_table_and_a_bad_file_changes_nothing()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var importer = scope.ServiceProvider.GetRequiredService<PostalCodeImporter>();
        var before = await db.PostalAddresses.CountAsync();
        Assert.True(before > 900);

        var reports = new List<ImportProgress>();
        await using (var osaka = PostalCodeImporter.OpenOsakaCity())
        {
            await importer.ImportAsync(osaka, new InlineProgress(reports.Add));
        }

        Assert.Equal(before, await db.PostalAddresses.CountAsync());
        Assert.Equal(100, reports[^1].Percent);

        // A broken row in the middle: the whole file is refused before anything is deleted.
        var broken = Encoding.GetEncoding(932).GetBytes(
            "27127,\"530  \",\"5300005\",\"ｵｵｻｶﾌ\",\"ｵｵｻｶｼｷﾀｸ\",\"ﾅｶﾉｼﾏ\",\"大阪府\",\"大阪市北区\",\"中之島\",0,0,0,0,0,0\r\n" +
            "27127,\"530  \",\"53000\",\"ｵｵｻｶﾌ\",\"ｵｵｻｶｼｷﾀｸ\",\"ｷﾀ\",\"大阪府\",\"大阪市北区\",\"北\",0,0,0,0,0,0\r\n");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => importer.ImportAsync(new MemoryStream(broken)));
        Assert.Contains("Line 2", ex.Message);
        Assert.Equal(before, await db.PostalAddresses.CountAsync());
    }

    [Fact]
    public async Task Without_javascript_the_lookup_button_fills_the_address_and_files_nothing()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        int casesBefore;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            casesBefore = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases.CountAsync();
        }

        var url = await Filing.OpenPageAsync(citizen, "juminhyo-copy", "main");
        var page = await citizen.GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;

        var response = await citizen.SubmitAsync(form, new()
        {
            ["Answers[full_name]"] = "大阪 花子",
            ["Answers[address.postal_code]"] = "530-0005",
            ["lookup"] = "address",
        }, url + "?handler=Lookup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var filled = await PortalClient.ReadAsync(response);
        Assert.Equal("大阪府", filled.QuerySelector<IHtmlSelectElement>("#answer-address-prefecture")!.Value);
        Assert.Equal("大阪市北区", filled.QuerySelector<IHtmlInputElement>("#answer-address-city")!.Value);
        Assert.Equal("中之島", filled.QuerySelector<IHtmlInputElement>("#answer-address-town")!.Value);
        Assert.Equal("大阪 花子", filled.QuerySelector<IHtmlInputElement>("#answer-full_name")!.Value);
        Assert.Contains("住所を入力しました", filled.Text("[data-postal-status]"));
        Assert.Empty(filled.ErrorSummary());
        // Looked up, not filed: the application is still in progress and no case exists for it.
        Assert.Contains("住民票", (await citizen.GetPageAsync("/my/applications")).Text("#drafts-heading + p + table"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            Assert.Equal(casesBefore, await db.Cases.CountAsync());
        }

        var unknown = await citizen.SubmitAsync(form, new() { ["Answers[address.postal_code]"] = "100-0001", ["lookup"] = "address" }, url + "?handler=Lookup");
        Assert.Contains("見つかりませんでした", (await PortalClient.ReadAsync(unknown)).Text("[data-postal-status]"));
    }

    [Fact]
    public async Task An_impossible_era_date_is_refused_with_the_reason()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var response = await Filing.ApplyAsync(citizen, "juminhyo-copy", new()
        {
            ["Answers[birth_date.era]"] = "平成",
            ["Answers[birth_date.year]"] = "31",
            ["Answers[birth_date.month]"] = "5",
            ["Answers[birth_date.day]"] = "1",
        });
        var page = await PortalClient.ReadAsync(response);
        var message = Assert.Single(page.ErrorSummary(), m => m.StartsWith("生年月日", StringComparison.Ordinal));
        Assert.Contains("平成", message);
        Assert.Equal("31", page.QuerySelector<IHtmlInputElement>("#answer-birth_date-year")!.Value);
    }

    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
