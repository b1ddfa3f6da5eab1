using System.Text;

namespace CityDx.Application.Account;

/// <summary>Plain text handling shared by the two-factor use cases: how a key is shown, how a typed code is read.</summary>
public static class TwoFactorCodes
{
    /// <summary>How many recovery codes an account gets each time they are generated.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// The shared key as people copy it into an authenticator app by hand: lower case, in groups of
    /// four separated by spaces ("abcd efgh ijkl ..."). Authenticator apps ignore the spaces and case.
    /// </summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        var position = 0;
        foreach (var c in key)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (position > 0 && position % 4 == 0)
            {
                result.Append(' ');
            }

            result.Append(char.ToLowerInvariant(c));
            position++;
        }

        return result.ToString();
    }

    /// <summary>
    /// A typed authenticator code without what people add around it: spaces and hyphens ("123 456",
    /// "123-456"), full-width digits from a Japanese input method ("１２３４５６").
    /// </summary>
    public static string NormalizeCode(string? code) =>
        new(Simplify(code).Where(c => c != '-').ToArray());

    /// <summary>
    /// A typed recovery code in the form Identity issues ("ABCDE-12345"): spaces dropped, upper
    /// case, full-width letters narrowed, and the hyphen put back when it was left out.
    /// </summary>
    public static string NormalizeRecoveryCode(string? code)
    {
        var simple = Simplify(code).ToUpperInvariant();
        return simple.Length == 10 && !simple.Contains('-', StringComparison.Ordinal) ? simple[..5] + "-" + simple[5..] : simple;
    }

    /// <summary>True for six ASCII digits: the shape of an authenticator code.</summary>
    public static bool IsAuthenticatorCode(string normalized) =>
        normalized.Length == 6 && normalized.All(char.IsAsciiDigit);

    private static string Simplify(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "" : new(code.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The otpauth:// address an authenticator app reads from the QR code (Key Uri Format).</summary>
    public static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
}
