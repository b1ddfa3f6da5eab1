using System.Globalization;
using CityDx.Application.Applications;
using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Auditing;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using CsvHelper;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Payments;

/// <summary>
/// 収納データの取込(消込): staff import a collection agent's (収納代行) or bank's payment file
/// (docs/payment-files.md) and each row is matched to a due fee of their units' cases by the 受付番号 or
/// 払込番号 and the amount. Matched rows are recorded one by one, the others reported (unmatched,
/// amount mismatch, already paid, not due, duplicate, unreadable) for staff to follow up: a file
/// mixes many applicants' payments, and one citizen's wrong amount must not hold back the others'.
/// Importing the same file again changes nothing (its rows are then already paid). A file that
/// cannot be read as the layout (no header, missing columns, too large) changes nothing.
/// </summary>
public static class ImportPayments
{
    public static readonly string[] Columns = ["payment_number", "amount", "paid_on", "channel", "reference"];

    public sealed record Command(UploadedFile? PaymentFile) : ICommand<Report>;

    public sealed record ReportLine(int Line, string PaymentNumber, int? AmountYen, MatchOutcome Outcome, Guid? CaseId, string? ReceiptNumber);

    public sealed record Report(IReadOnlyList<ReportLine> Lines)
    {
        public int Count(MatchOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, PaymentOptions options)
        {
            RuleFor(c => c.PaymentFile).NotNull().WithMessage(_ => l["PaymentImport.FileRequired"]);
            RuleFor(c => c.PaymentFile!.Length).InclusiveBetween(1, options.ImportMaxBytes).When(c => c.PaymentFile is not null)
                .OverridePropertyName(nameof(Command.PaymentFile)).WithMessage(_ => l["PaymentImport.FileSize"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, PaymentOptions options, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Report>
    {
        public async ValueTask<Report> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var rows = await ReadAsync(command.PaymentFile!, options.ImportMaxRows, l, cancellationToken);
            var receipts = rows.Select(r => PaymentMatching.ReceiptOf(r.PaymentNumber)).OfType<string>().Distinct().ToList();
            var cases = await db.VisibleToStaff(userId).Where(c => receipts.Contains(c.ReceiptNumber)).ToDictionaryAsync(c => c.ReceiptNumber, cancellationToken);
            var fees = cases.Values.ToDictionary(c => c.ReceiptNumber, c => new DueFee(c.Id, c.ReceiptNumber, c.FeeYen, c.PaymentState));
            var now = clock.GetUtcNow();
            var lines = new List<ReportLine>();
            foreach (var match in PaymentMatching.Match(rows, fees))
            {
                if (match.Outcome == MatchOutcome.Matched)
                {
                    var row = match.Row;
                    var @case = cases[match.ReceiptNumber!];
                    db.FeePayments.Add(@case.RecordPayment(new PaymentReceipt(row.AmountYen!.Value, row.PaidOn!.Value, row.Channel!, row.Reference ?? ""), userId, now));
                }

                if (match.CaseId is { } caseId)
                {
                    db.AuditLog.Add(new AuditEntry(now, userId, AuditActions.PaymentImport, AuditOutcome.Ok,
                        caseId, match.ReceiptNumber, match.Outcome.ToString()));
                }

                lines.Add(new ReportLine(match.Row.Line, match.Row.PaymentNumber, match.Row.AmountYen, match.Outcome, match.CaseId, match.ReceiptNumber));
            }

            db.AuditLog.Add(new AuditEntry(now, userId, AuditActions.PaymentImport, AuditOutcome.Ok, detail:
                $"rows={lines.Count} matched={lines.Count(x => x.Outcome == MatchOutcome.Matched)}"));
            return new Report(lines);
        }
    }

    /// <summary>Reads the file's rows; a file that is not the layout is refused as a whole.</summary>
    public static async Task<List<PaymentRow>> ReadAsync(UploadedFile file, int maxRows, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        await using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, TrackLineNumbers = true, SkipEmptyLines = true }, false);
        var rows = new List<PaymentRow>();
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (Columns.Any(c => !headers.Contains(c)))
            {
                throw Refused(l["PaymentImport.BadHeader"].Fill(("columns", string.Join(",", Columns))));
            }

            while (await csv.ReadAsync(cancellationToken))
            {
                if (rows.Count >= maxRows)
                {
                    throw Refused(l["PaymentImport.TooManyRows"].Fill(("max", maxRows.ToString("N0", CultureInfo.CurrentCulture))));
                }

                rows.Add(Row((int)csv.LineNumber, csv.GetString("payment_number"), csv.GetString("amount"), csv.GetString("paid_on"), csv.GetString("channel"), csv.GetString("reference")));
            }
        }
        catch (CsvFormatException)
        {
            throw Refused(l["PaymentImport.Unreadable"]);
        }

        return rows;
    }

    private static PaymentRow Row(int line, string? number, string? amount, string? paidOn, string? channel, string? reference)
    {
        int? yen = int.TryParse(amount, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var y) && y > 0 ? y : null;
        DateOnly? day = DateOnly.TryParseExact(paidOn, ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var code = channel?.Trim().ToLowerInvariant();
        var problem = string.IsNullOrWhiteSpace(number) ? "number" : yen is null ? "amount" : day is null ? "paid_on" : !PaymentChannel.IsKnown(code) ? "channel" : null;
        return new PaymentRow(line, (number ?? "").Trim(), yen, day, code, string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), problem);
    }

    private static ValidationException Refused(string message) => new[] { (nameof(Command.PaymentFile), message) }.ToValidationException();
}
