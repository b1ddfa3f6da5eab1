using CityDx.Application.Account;

namespace CityDx.IntegrationTests.Account;

/// <summary>
/// Plain logic of the two-factor pages, no database: how the key is shown and how typed codes are
/// read. (Here rather than in CityDx.UnitTests, which references the domain only.)
/// </summary>
public sealed class TwoFactorCodesTests
{
    [Theory]
    [InlineData("ABCDEFGHIJKLMNOP", "abcd efgh ijkl mnop")]
    [InlineData("ABCDEFGHIJ", "abcd efgh ij")]
    [InlineData("AB CD", "abcd")]
    [InlineData("", "")]
    public void The_key_is_shown_in_lower_case_groups_of_four(string key, string shown) =>
        Assert.Equal(shown, TwoFactorCodes.FormatKey(key));

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("１２３４５６", "123456")]
    [InlineData("１２３　４５６", "123456")]
    [InlineData(null, "")]
    public void A_typed_code_loses_spaces_hyphens_and_full_width_digits(string? typed, string code) =>
        Assert.Equal(code, TwoFactorCodes.NormalizeCode(typed));

    [Theory]
    [InlineData("123456", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12345a", false)]
    [InlineData("١٢٣٤٥٦", false)] // Arabic-Indic digits are digits, but not the app's
    public void Only_six_ascii_digits_are_an_authenticator_code(string code, bool expected) =>
        Assert.Equal(expected, TwoFactorCodes.IsAuthenticatorCode(code));

    [Theory]
    [InlineData("ABCDE-FGH23", "ABCDE-FGH23")]
    [InlineData("abcde-fgh23", "ABCDE-FGH23")]
    [InlineData("abcdefgh23", "ABCDE-FGH23")]
    [InlineData(" ABCDE FGH23 ", "ABCDE-FGH23")]
    [InlineData("ＡＢＣＤＥ－ＦＧＨ２３", "ABCDE-FGH23")]
    public void A_typed_recovery_code_takes_the_form_identity_issued(string typed, string code) =>
        Assert.Equal(code, TwoFactorCodes.NormalizeRecoveryCode(typed));

    [Fact]
    public void The_authenticator_address_names_the_city_and_the_account_escaped()
    {
        var uri = TwoFactorCodes.AuthenticatorUri("大阪市 オンライン申請", "a+b@example.jp", "KEY234");
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains("secret=KEY234", uri, StringComparison.Ordinal);
        Assert.Contains("a%2Bb%40example.jp", uri, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", uri, StringComparison.Ordinal);
        Assert.Contains("issuer=%E5%A4%A7", uri, StringComparison.Ordinal);
    }
}
