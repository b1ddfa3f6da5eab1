using CityDx.Domain.Cases;
using CityDx.Domain.Payments;

namespace CityDx.UnitTests.Payments;

/// <summary>消込: rows of a payment file against the fees due.</summary>
public sealed class PaymentMatchingTests
{
    private static readonly DateOnly Paid = new(2026, 12, 3);

    private static PaymentRow Row(int line, string number, int? yen = 3000, string? channel = PaymentChannel.ConvenienceStore) =>
        new(line, number, yen, Paid, channel, "ref-" + line);

    [Fact]
    public void Rows_are_matched_by_receipt_or_slip_number_and_amount_and_every_other_row_says_why_not()
    {
        var due = ReceiptNumber.Generate();
        var slip = ReceiptNumber.Generate();
        var paid = ReceiptNumber.Generate();
        var cancelled = ReceiptNumber.Generate();
        var wrongAmount = ReceiptNumber.Generate();
        var fees = new Dictionary<string, DueFee>
        {
            [due] = new(Guid.NewGuid(), due, 3000, PaymentState.Due),
            [slip] = new(Guid.NewGuid(), slip, 3000, PaymentState.PayAtCounter),
            [paid] = new(Guid.NewGuid(), paid, 3000, PaymentState.Paid),
            [cancelled] = new(Guid.NewGuid(), cancelled, 3000, PaymentState.Cancelled),
            [wrongAmount] = new(Guid.NewGuid(), wrongAmount, 300, PaymentState.Due),
        };

        var lines = PaymentMatching.Match(
        [
            Row(2, due.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)),
            Row(3, PaymentMatching.SlipNumberOf(slip)),
            Row(4, paid),
            Row(5, cancelled),
            Row(6, wrongAmount),
            Row(7, ReceiptNumber.Generate()),
            Row(8, "not-a-number"),
            Row(9, due),
            Row(10, slip, channel: "cash"),
            new PaymentRow(11, slip, null, Paid, PaymentChannel.BankTransfer, null, "amount"),
        ], fees);

        Assert.Equal(
            [MatchOutcome.Matched, MatchOutcome.Matched, MatchOutcome.AlreadyPaid, MatchOutcome.NotDue, MatchOutcome.AmountMismatch,
                MatchOutcome.Unmatched, MatchOutcome.Unmatched, MatchOutcome.DuplicateInFile, MatchOutcome.Invalid, MatchOutcome.Invalid],
            lines.Select(l => l.Outcome));
        Assert.Equal(fees[due].CaseId, lines[0].CaseId);
        Assert.Equal(slip, lines[1].ReceiptNumber);
        Assert.Null(lines[5].CaseId);
    }

    [Fact]
    public void A_payment_number_is_read_as_the_receipt_number_it_stands_for()
    {
        var receipt = ReceiptNumber.Generate();
        Assert.Equal(receipt, PaymentMatching.ReceiptOf(PaymentMatching.SlipNumberOf(receipt)));
        Assert.Equal(receipt, PaymentMatching.ReceiptOf(" slip-" + receipt.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()));
        Assert.Equal(receipt, PaymentMatching.ReceiptOf(receipt));
        Assert.Null(PaymentMatching.ReceiptOf("SLIP-"));
        Assert.Null(PaymentMatching.ReceiptOf(null));
    }
}
