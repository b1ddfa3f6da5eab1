using CityDx.Application.Procedures;
using CityDx.IntegrationTests.Infrastructure;
using FluentValidation;

namespace CityDx.IntegrationTests.Procedures;

/// <summary>
/// 手続きをさがす as the application layer answers it (<see cref="SliceFactory"/>, nobody signed in):
/// the folding and word rules the catalogue page and the API both rely on (CatalogueTests checks
/// that the page and the API pass the search on).
/// </summary>
public sealed class ProcedureSearchSliceTests(SliceFactory factory) : IClassFixture<SliceFactory>
{
    private async Task<List<string>> CodesAsync(ListProcedures.Query query)
    {
        await using var anyone = factory.Anonymous();
        return (await anyone.SendAsync(query)).Select(p => p.Code).ToList();
    }

    [Theory]
    [InlineData("住民票", "juminhyo-copy")]
    [InlineData("じゅうみんひょう", "juminhyo-copy")]
    [InlineData("ｼﾞｭｳﾐﾝﾋｮｳ", "juminhyo-copy")]
    [InlineData("粗大", "oversized-waste")]
    [InlineData("ＳＯＤＡＩ", null)]
    public async Task Search_matches_after_folding_width_and_kana(string search, string? expected)
    {
        var codes = await CodesAsync(new ListProcedures.Query(Search: search));
        if (expected is null)
        {
            Assert.DoesNotContain("juminhyo-copy", codes);
        }
        else
        {
            Assert.Contains(expected, codes);
            Assert.DoesNotContain("road-occupancy", codes);
        }
    }

    [Fact]
    public async Task Several_words_must_all_match_and_like_wildcards_are_taken_literally()
    {
        Assert.Empty(await CodesAsync(new ListProcedures.Query(Search: "住民票 道路")));
        Assert.Empty(await CodesAsync(new ListProcedures.Query(Search: "%")));
        Assert.Empty(await CodesAsync(new ListProcedures.Query(Search: "_")));
    }

    [Fact]
    public async Task A_search_longer_than_the_limit_is_refused_before_it_reaches_the_database()
    {
        await using var anyone = factory.Anonymous();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => anyone.SendAsync(new ListProcedures.Query(Search: new string('あ', ListProcedures.MaxQueryLength + 1))));
        Assert.Equal(nameof(ListProcedures.Query.Search), Assert.Single(refused.Errors).PropertyName);
    }
}
