using CityDx.Domain.Cases;

namespace CityDx.Domain.Payments;

/// <summary>What became of one row of a payment file (消込の結果).</summary>
public enum MatchOutcome
{
    /// <summary>A due fee of this amount: recorded as paid.</summary>
    Matched = 1,

    /// <summary>No case of the importer's units has this receipt or payment number.</summary>
    Unmatched = 2,

    /// <summary>The case owes a different amount: left for staff to sort out.</summary>
    AmountMismatch = 3,

    /// <summary>Already paid (an earlier import, a card, or a staff record): nothing changes, so importing a file twice is harmless.</summary>
    AlreadyPaid = 4,

    /// <summary>The case was withdrawn or rejected before payment, or owes nothing: a refund may be due.</summary>
    NotDue = 5,

    /// <summary>A second row for a case this file already pays.</summary>
    DuplicateInFile = 6,

    /// <summary>The row could not be read (a missing number, an amount or a date that is not one, an unknown channel).</summary>
    Invalid = 7,
}

/// <summary>A row of a payment file as read; <see cref="Problem"/> names what could not be read (a message key).</summary>
public sealed record PaymentRow(int Line, string PaymentNumber, int? AmountYen, DateOnly? PaidOn, string? Channel, string? Reference, string? Problem = null);

/// <summary>A case's fee as the matching sees it.</summary>
public sealed record DueFee(Guid CaseId, string ReceiptNumber, int? FeeYen, PaymentState State);

public sealed record MatchLine(PaymentRow Row, MatchOutcome Outcome, Guid? CaseId = null, string? ReceiptNumber = null);

/// <summary>
/// 消込: matches the rows of a collection agent's or bank's payment file to the fees due. A row
/// names the case by its 受付番号 or its 払込番号 (SLIP-…), the two numbers the applicant has; a
/// matched row must carry exactly the fee. Pure: the caller loads the fees and records the matches.
/// </summary>
public static class PaymentMatching
{
    public const string SlipPrefix = "SLIP-";

    /// <summary>The receipt number a payment number stands for (a 受付番号 as typed, or a 払込番号), or null.</summary>
    public static string? ReceiptOf(string? paymentNumber)
    {
        var text = (paymentNumber ?? "").Trim();
        if (text.StartsWith(SlipPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[SlipPrefix.Length..];
        }

        return ReceiptNumber.TryNormalize(text, out var canonical) ? canonical : null;
    }

    /// <summary>The 払込番号 printed on a slip for a receipt number.</summary>
    public static string SlipNumberOf(string receiptNumber) => SlipPrefix + receiptNumber.Replace("-", "", StringComparison.Ordinal);

    public static IReadOnlyList<MatchLine> Match(IEnumerable<PaymentRow> rows, IReadOnlyDictionary<string, DueFee> feesByReceipt)
    {
        var lines = new List<MatchLine>();
        var paidInThisFile = new HashSet<Guid>();
        foreach (var row in rows)
        {
            if (row.Problem is not null || row.AmountYen is null || row.PaidOn is null || !PaymentChannel.IsKnown(row.Channel))
            {
                lines.Add(new MatchLine(row, MatchOutcome.Invalid));
                continue;
            }

            if (ReceiptOf(row.PaymentNumber) is not { } receipt || !feesByReceipt.TryGetValue(receipt, out var fee))
            {
                lines.Add(new MatchLine(row, MatchOutcome.Unmatched));
                continue;
            }

            var outcome = paidInThisFile.Contains(fee.CaseId) ? MatchOutcome.DuplicateInFile : fee.State switch
            {
                PaymentState.Paid or PaymentState.Refunded => MatchOutcome.AlreadyPaid,
                PaymentState.Due or PaymentState.PayAtCounter when fee.FeeYen == row.AmountYen => MatchOutcome.Matched,
                PaymentState.Due or PaymentState.PayAtCounter => MatchOutcome.AmountMismatch,
                _ => MatchOutcome.NotDue,
            };
            if (outcome == MatchOutcome.Matched)
            {
                paidInThisFile.Add(fee.CaseId);
            }

            lines.Add(new MatchLine(row, outcome, fee.CaseId, fee.ReceiptNumber));
        }

        return lines;
    }
}
