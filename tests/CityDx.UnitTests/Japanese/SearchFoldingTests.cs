using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public sealed class SearchFoldingTests
{
    [Theory]
    [InlineData("ｼﾞｭｳﾐﾝﾋｮｳ", "じゅうみんひょう")]
    [InlineData("ジュウミンヒョウ", "じゅうみんひょう")]
    [InlineData("住民票　の写し", "住民票 の写し")]
    [InlineData("ＭＹ　Ｎｕｍｂｅｒ", "my number")]
    [InlineData("  粗大ゴミ  ", "粗大ごみ")]
    [InlineData("", "")]
    public void Width_kana_and_case_are_folded(string input, string expected) =>
        Assert.Equal(expected, SearchFolding.Fold(input));

    [Fact]
    public void The_long_vowel_mark_and_middle_dot_are_kept() =>
        Assert.Equal("ぱすぽーと・しんせい", SearchFolding.Fold("パスポート・シンセイ"));
}
