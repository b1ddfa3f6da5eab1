using System.ComponentModel.DataAnnotations;

namespace CityDx.Application.Payments;

/// <summary>Payment settings (section "Payments"): the provider callback's shared secret and window, and the payment-file limits.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>The secret shared with the payment provider for the callback's HMAC-SHA256; empty turns the callback off (404).</summary>
    public string CallbackSecret { get; set; } = "";

    /// <summary>How far (seconds) the callback's timestamp may be from now; older or newer messages are refused as replays.</summary>
    [Range(10, 3600, ErrorMessage = "Payments:CallbackWindowSeconds must be between {1} and {2}.")]
    public int CallbackWindowSeconds { get; set; } = 300;

    /// <summary>The largest payment file staff may import (bytes) and the most rows in it.</summary>
    [Range(1024, 100L * 1024 * 1024, ErrorMessage = "Payments:ImportMaxBytes must be between {1} and {2}.")]
    public long ImportMaxBytes { get; set; } = 2 * 1024 * 1024;

    [Range(1, 100_000, ErrorMessage = "Payments:ImportMaxRows must be between {1} and {2}.")]
    public int ImportMaxRows { get; set; } = 5000;
}
