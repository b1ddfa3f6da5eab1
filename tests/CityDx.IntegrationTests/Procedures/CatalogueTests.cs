using System.Net.Http.Json;
using System.Text.Json;
using CityDx.IntegrationTests.Infrastructure;

namespace CityDx.IntegrationTests.Procedures;

/// <summary>手続きをさがす: browse, search (its folding rules: ProcedureSearchSliceTests), and what a procedure page tells a citizen.</summary>
public sealed class CatalogueTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private async Task<List<string>> CodesAsync(string query)
    {
        var list = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/procedures" + query);
        return list.EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToList();
    }

    [Fact]
    public async Task The_demo_city_has_at_least_fifteen_procedures_routed_three_ways()
    {
        var all = await CodesAsync("");
        Assert.True(all.Count >= 15, $"{all.Count} procedures");
        foreach (var code in new[] { "juminhyo-copy", "inkan-certificate", "moving-out", "child-allowance", "nursery-application", "oversized-waste", "dog-registration", "nhi-enrolment", "school-aid", "bereavement-appointment", "road-occupancy", "facility-booking" })
        {
            Assert.Contains(code, all);
        }
    }

    [Fact]
    public async Task The_api_searches_with_the_same_folding()
    {
        var codes = await CodesAsync("?search=" + Uri.EscapeDataString("ｼﾞｭｳﾐﾝﾋｮｳ"));
        Assert.Contains("juminhyo-copy", codes);
        Assert.DoesNotContain("road-occupancy", codes);
    }

    [Fact]
    public async Task Browsing_by_life_event_and_category()
    {
        var moving = await CodesAsync("?lifeEvent=moving");
        Assert.Contains("moving-out", moving);
        Assert.DoesNotContain("road-occupancy", moving);
        var childcare = await CodesAsync("?category=childcare");
        Assert.Contains("child-allowance", childcare);
        Assert.DoesNotContain("dog-registration", childcare);
    }

    [Fact]
    public async Task The_catalogue_page_filters_and_searches_without_javascript()
    {
        var client = PortalClient.Create(factory);
        var page = await client.GetPageAsync("/procedures?event=bereavement");
        Assert.Contains("/procedures/bereavement-appointment", page.QuerySelectorAll(".procedure-list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("true", page.QuerySelector(".facets a[aria-current]")!.GetAttribute("aria-current"));

        var search = await client.GetPageAsync("/procedures?q=" + Uri.EscapeDataString("ｲﾝｶﾝ"));
        Assert.Contains("/procedures/inkan-certificate", search.QuerySelectorAll(".procedure-list a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_procedure_page_says_who_can_apply_what_you_need_the_fee_and_the_due_date()
    {
        var page = await PortalClient.Create(factory).GetPageAsync("/procedures/juminhyo-copy");
        var text = page.Body!.TextContent;
        Assert.Contains("申請できる方", text);
        Assert.Contains("必要なもの", text);
        Assert.Contains("300円", text);
        Assert.Contains("申請時にお支払い", text);
        Assert.Contains("本日申請した場合の処理予定日", text);
        Assert.Contains("事務センター", text);
        Assert.Contains("オンライン、窓口、郵送", text);
    }
}
