using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class PostalCodeTests
{
    [Theory]
    [InlineData("5308201", "5308201")]
    [InlineData("530-8201", "5308201")] // 大阪市役所
    [InlineData("５３０－８２０１", "5308201")]
    [InlineData("〒530-8201", "5308201")]
    [InlineData("〒 530-8201", "5308201")]
    [InlineData("〒１６３－８００１", "1638001")] // 東京都庁
    [InlineData("530\u20108201", "5308201")] // ‐
    [InlineData("530ー8201", "5308201")]
    [InlineData("530\u22128201", "5308201")] // −
    [InlineData("530ｰ8201", "5308201")]
    [InlineData("  5308201 ", "5308201")]
    [InlineData("\u30005308201\u3000", "5308201")]
    public void TryNormalize_accepts(string input, string expected)
    {
        Assert.True(PostalCode.TryNormalize(input, out var digits, out var error));
        Assert.Equal(expected, digits);
        Assert.Equal(NormalizationError.None, error);
    }

    [Theory]
    [InlineData("", NormalizationError.Empty)]
    [InlineData("〒", NormalizationError.Empty)]
    [InlineData(null, NormalizationError.Empty)]
    [InlineData("12-34567", NormalizationError.PostalCodeInvalid)]
    [InlineData("1234-567", NormalizationError.PostalCodeInvalid)]
    [InlineData("123-456", NormalizationError.PostalCodeInvalid)]
    [InlineData("12345678", NormalizationError.PostalCodeInvalid)]
    [InlineData("123--4567", NormalizationError.PostalCodeInvalid)]
    [InlineData("123 4567", NormalizationError.PostalCodeInvalid)]
    [InlineData("abc-defg", NormalizationError.PostalCodeInvalid)]
    [InlineData("530-8201〒", NormalizationError.PostalCodeInvalid)]
    public void TryNormalize_rejects(string? input, NormalizationError expected)
    {
        Assert.False(PostalCode.TryNormalize(input, out var digits, out var error));
        Assert.Equal(expected, error);
        Assert.Equal("", digits);
    }

    [Theory]
    [InlineData("5308201", "530-8201")]
    [InlineData("〒５３０－８２０１", "530-8201")]
    public void Format(string input, string expected)
    {
        Assert.Equal(expected, PostalCode.Format(input));
    }

    [Fact]
    public void Format_rejects_invalid_codes()
    {
        Assert.Throws<ArgumentException>(() => PostalCode.Format("123-456"));
    }
}
