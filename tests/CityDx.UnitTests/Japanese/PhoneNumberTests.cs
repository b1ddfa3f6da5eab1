using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("06-6208-8181", "0662088181")] // 大阪市役所
    [InlineData("0662088181", "0662088181")]
    [InlineData("０６－６２０８－８１８１", "0662088181")]
    [InlineData("(06) 6208-8181", "0662088181")]
    [InlineData("（０６）６２０８－８１８１", "0662088181")]
    [InlineData("06\u20106208\u20108181", "0662088181")]
    [InlineData("06ー6208ー8181", "0662088181")]
    [InlineData(" 03-5321-1111 ", "0353211111")] // 東京都庁
    [InlineData("011-222-4894", "0112224894")] // 3-digit area code
    [InlineData("0123-45-6789", "0123456789")] // 4-digit area code
    [InlineData("01456-2-1234", "0145621234")] // 5-digit area code
    [InlineData("090-1234-5678", "09012345678")]
    [InlineData("080 1234 5678", "08012345678")]
    [InlineData("070-1234-5678", "07012345678")]
    [InlineData("050-1234-5678", "05012345678")]
    [InlineData("020-1234-5678", "02012345678")]
    [InlineData("0120-123-456", "0120123456")]
    [InlineData("0800-123-4567", "08001234567")]
    [InlineData("0570-000-123", "0570000123")]
    [InlineData("+81 90-1234-5678", "09012345678")]
    [InlineData("+81-6-6208-8181", "0662088181")]
    [InlineData("+81 (0)90 1234 5678", "09012345678")]
    [InlineData("＋８１９０１２３４５６７８", "09012345678")]
    public void TryNormalize_accepts(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var normalized, out var error));
        Assert.Equal(expected, normalized);
        Assert.Equal(NormalizationError.None, error);
    }

    [Theory]
    [InlineData("", NormalizationError.Empty)]
    [InlineData(" - ", NormalizationError.Empty)]
    [InlineData(null, NormalizationError.Empty)]
    [InlineData("6208-8181", NormalizationError.PhoneMustStartWithZero)]
    [InlineData("81-6-6208-8181", NormalizationError.PhoneMustStartWithZero)]
    [InlineData("06-6208-818", NormalizationError.PhoneInvalidLength)]
    [InlineData("06-6208-81811", NormalizationError.PhoneInvalidLength)]
    [InlineData("090-1234-567", NormalizationError.PhoneInvalidLength)]
    [InlineData("090-1234-56789", NormalizationError.PhoneInvalidLength)]
    [InlineData("0120-123-4567", NormalizationError.PhoneInvalidLength)]
    [InlineData("0800-123-456", NormalizationError.PhoneInvalidLength)]
    [InlineData("0", NormalizationError.PhoneInvalidLength)]
    [InlineData("06-6208-8181 内線123", NormalizationError.PhoneInvalidCharacter)]
    [InlineData("tel:0662088181", NormalizationError.PhoneInvalidCharacter)]
    [InlineData("06.6208.8181", NormalizationError.PhoneInvalidCharacter)]
    [InlineData("06-6208-8181+", NormalizationError.PhoneInvalidCharacter)]
    [InlineData("010-1-212-555-1234", NormalizationError.PhoneUnsupportedPrefix)]
    [InlineData("0012-34-5678", NormalizationError.PhoneUnsupportedPrefix)]
    [InlineData("060-1234-5678", NormalizationError.PhoneUnsupportedPrefix)]
    [InlineData("030-1234-5678", NormalizationError.PhoneUnsupportedPrefix)]
    [InlineData("0990-123-456", NormalizationError.PhoneUnsupportedPrefix)]
    public void TryNormalize_rejects(string? input, NormalizationError expected)
    {
        Assert.False(PhoneNumber.TryNormalize(input, out var normalized, out var error));
        Assert.Equal(expected, error);
        Assert.Equal("", normalized);
    }

    [Theory]
    [InlineData("0662088181", "06-6208-8181")]
    [InlineData("０３５３２１１１１１", "03-5321-1111")]
    [InlineData("09012345678", "090-1234-5678")]
    [InlineData("05012345678", "050-1234-5678")]
    [InlineData("0120123456", "0120-123-456")]
    [InlineData("08001234567", "0800-123-4567")]
    [InlineData("0570000123", "0570-000-123")]
    [InlineData("+81 6 6208 8181", "06-6208-8181")]
    [InlineData("011-222-4894", "0112224894")] // area-code length not determinable without the MIC table
    public void Format(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Format(input));
    }

    [Fact]
    public void Format_rejects_invalid_numbers()
    {
        Assert.Throws<ArgumentException>(() => PhoneNumber.Format("06-6208-818"));
    }
}
