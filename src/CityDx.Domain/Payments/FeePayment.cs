namespace CityDx.Domain.Payments;

/// <summary>The ways a fee reaches the city (codes stored and used in the payment CSV and the provider callback).</summary>
public static class PaymentChannel
{
    public const string Card = "card";
    public const string PayEasy = "payeasy";
    public const string ConvenienceStore = "convenience";
    public const string BankTransfer = "bank";
    public const string Counter = "counter";

    public static readonly IReadOnlyList<string> All = [Counter, ConvenienceStore, BankTransfer, PayEasy, Card];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}

/// <summary>A payment as it was reported: amount, day paid (JST), channel, the payer's or provider's reference, and the provider's transaction id when there is one.</summary>
public sealed record PaymentReceipt(int AmountYen, DateOnly PaidOn, string Channel, string Reference, string? TransactionId = null);

public enum FeePaymentKind
{
    Payment = 1,
    Refund = 2,
}

/// <summary>
/// One payment or refund of a case's fee (収納・返還), kept for reconciliation: amount, day, channel,
/// reference, the provider's transaction id (unique: a callback repeated is recognised), the reason of
/// a refund, and who recorded it when (an account, "payment-provider" or "payment-import").
/// </summary>
public sealed class FeePayment
{
    public const int MaxReferenceLength = 64;
    public const int MaxReasonLength = 500;

    private FeePayment() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public FeePaymentKind Kind { get; private set; }
    public int AmountYen { get; private set; }
    public DateOnly On { get; private set; }
    public string Channel { get; private set; } = "";
    public string? Reference { get; private set; }
    public string? ProviderTransactionId { get; private set; }
    public string? Reason { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    internal static FeePayment ForPayment(Guid caseId, PaymentReceipt receipt, string actorId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = caseId,
        Kind = FeePaymentKind.Payment,
        AmountYen = receipt.AmountYen,
        On = receipt.PaidOn,
        Channel = receipt.Channel,
        Reference = Trim(receipt.Reference, MaxReferenceLength),
        ProviderTransactionId = Trim(receipt.TransactionId, MaxReferenceLength),
        RecordedBy = actorId,
        RecordedAt = now,
    };

    internal static FeePayment ForRefund(Guid caseId, int yen, DateOnly on, string reason, string actorId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = caseId,
        Kind = FeePaymentKind.Refund,
        AmountYen = yen,
        On = on,
        Channel = "refund",
        Reason = Trim(reason, MaxReasonLength),
        RecordedBy = actorId,
        RecordedAt = now,
    };

    private static string? Trim(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > max ? t[..max] : value.Trim();
}
