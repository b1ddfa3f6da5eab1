using System.Text;
using CityDx.Domain.Payments;

namespace CityDx.UnitTests.Payments;

/// <summary>The payment provider's callback: HMAC-SHA256 over "{timestamp}.{body}", a timestamp within the window.</summary>
public sealed class CallbackSignatureTests
{
    private const string Secret = "shared-secret-for-tests";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"transactionId\":\"tx-1\",\"amount\":3000}");

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_message_signed_with_the_secret_just_now_is_valid()
    {
        var signature = CallbackSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.Equal(CallbackCheck.Valid, CallbackSignature.Verify(Secret, Ts(Now), signature, Body, Now.AddSeconds(30), Window));
        Assert.Equal(CallbackCheck.Valid, CallbackSignature.Verify(Secret, Ts(Now), signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), Body, Now, Window));
    }

    [Fact]
    public void A_changed_body_another_secret_or_a_moved_timestamp_is_refused()
    {
        var signature = CallbackSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);
        var changed = Encoding.UTF8.GetBytes("{\"transactionId\":\"tx-1\",\"amount\":1}");
        Assert.Equal(CallbackCheck.BadSignature, CallbackSignature.Verify(Secret, Ts(Now), signature, changed, Now, Window));
        Assert.Equal(CallbackCheck.BadSignature, CallbackSignature.Verify("another", Ts(Now), signature, Body, Now, Window));
        // The timestamp is signed: moving it forward to slip a replay into the window breaks the signature.
        Assert.Equal(CallbackCheck.BadSignature, CallbackSignature.Verify(Secret, Ts(Now.AddSeconds(1)), signature, Body, Now, Window));
    }

    [Fact]
    public void A_replay_after_the_window_and_missing_or_malformed_headers_are_refused()
    {
        var signature = CallbackSignature.Compute(Secret, Now.ToUnixTimeSeconds(), Body);
        Assert.Equal(CallbackCheck.OutsideWindow, CallbackSignature.Verify(Secret, Ts(Now), signature, Body, Now.AddMinutes(6), Window));
        Assert.Equal(CallbackCheck.OutsideWindow, CallbackSignature.Verify(Secret, Ts(Now), signature, Body, Now.AddMinutes(-6), Window));
        Assert.Equal(CallbackCheck.Missing, CallbackSignature.Verify(Secret, null, signature, Body, Now, Window));
        Assert.Equal(CallbackCheck.Missing, CallbackSignature.Verify(Secret, Ts(Now), "", Body, Now, Window));
        Assert.Equal(CallbackCheck.Missing, CallbackSignature.Verify("", Ts(Now), signature, Body, Now, Window));
        Assert.Equal(CallbackCheck.BadTimestamp, CallbackSignature.Verify(Secret, "-5", signature, Body, Now, Window));
        Assert.Equal(CallbackCheck.BadTimestamp, CallbackSignature.Verify(Secret, "99999999999999999999", signature, Body, Now, Window));
    }
}
