namespace CityDx.Application.Payments;

/// <summary>What a payment provider is asked to do. Card details pass through and are never stored.</summary>
public sealed record PaymentRequest(Guid CaseId, string ReceiptNumber, int AmountYen, string? CardNumber, string? CardExpiry, string? CardCvc);

public enum PaymentOutcomeKind
{
    Paid = 1,
    PayAtCounter = 2,
    Declined = 3,
}

/// <summary>The provider's answer: a reference to keep (never card data) or why it was declined (a resource key).</summary>
public sealed record PaymentOutcome(PaymentOutcomeKind Kind, string? Reference, string? DeclineCode = null);

/// <summary>
/// A way to pay a fee (手数料). The built-in ones are a payment slip for the counter or a
/// convenience store, and a simulated card for development and tests; a real card or QR-code
/// provider implements the same interface.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>"card" or "counter": what the payment page offers.</summary>
    string Method { get; }

    Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken);
}

/// <summary>払込票: the applicant pays at the counter or a convenience store with this slip number.</summary>
public sealed class PaymentSlipProvider : IPaymentProvider
{
    public string Method => "counter";

    public Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentOutcome(PaymentOutcomeKind.PayAtCounter, "SLIP-" + request.ReceiptNumber.Replace("-", "", StringComparison.Ordinal)));
}

/// <summary>
/// A simulated card acquirer for development and tests: a number passing the Luhn check with a
/// future expiry and a 3–4 digit code is paid, except 4000 0000 0000 0002, which is declined.
/// Only the last four digits reach the reference.
/// </summary>
public sealed class SimulatedCardProvider(TimeProvider clock) : IPaymentProvider
{
    public const string DeclinedCard = "4000000000000002";

    public string Method => "card";

    public Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var digits = new string((request.CardNumber ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 12 or > 19 || !Luhn(digits))
        {
            return Declined("Payment.CardNumberInvalid");
        }

        if (!Expiry(request.CardExpiry, out var year, out var month) || new DateOnly(year, month, 1).AddMonths(1) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            return Declined("Payment.CardExpired");
        }

        if ((request.CardCvc ?? "").Trim() is not { Length: 3 or 4 } cvc || !cvc.All(char.IsAsciiDigit))
        {
            return Declined("Payment.CardCvcInvalid");
        }

        if (digits == DeclinedCard)
        {
            return Declined("Payment.CardDeclined");
        }

        return Task.FromResult(new PaymentOutcome(PaymentOutcomeKind.Paid, $"SIM-{Guid.NewGuid():N}"[..16] + "-" + digits[^4..]));
    }

    private static Task<PaymentOutcome> Declined(string code) => Task.FromResult(new PaymentOutcome(PaymentOutcomeKind.Declined, null, code));

    private static bool Expiry(string? text, out int year, out int month)
    {
        year = month = 0;
        var parts = (text ?? "").Split('/', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && int.TryParse(parts[0], out month) && int.TryParse(parts[1], out year)
            && month is >= 1 and <= 12 && (year = year < 100 ? 2000 + year : year) is >= 2000 and <= 2100;
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
