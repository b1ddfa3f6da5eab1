using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CityDx.Domain.Payments;

public enum CallbackCheck
{
    Valid = 0,
    Missing = 1,
    BadTimestamp = 2,

    /// <summary>Signed too long ago or too far in the future: a replayed or delayed message.</summary>
    OutsideWindow = 3,
    BadSignature = 4,
}

/// <summary>
/// The payment provider's callback is signed: <c>X-Payment-Timestamp</c> (Unix seconds) and
/// <c>X-Payment-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 with the shared secret over
/// "{timestamp}.{raw body}". The timestamp must be within the window of now, so a captured message
/// cannot be replayed later; within the window, the provider's transaction id makes a repeat harmless.
/// </summary>
public static class CallbackSignature
{
    public const string Scheme = "sha256=";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static CallbackCheck Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrWhiteSpace(secret) || string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return CallbackCheck.Missing;
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || timestamp > 253402300799)
        {
            return CallbackCheck.BadTimestamp;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > window)
        {
            return CallbackCheck.OutsideWindow;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signatureHeader.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? CallbackCheck.Valid : CallbackCheck.BadSignature;
    }
}
