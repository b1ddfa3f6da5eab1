using System.Text.Json;
using CityDx.Application.Common;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Payments;

/// <summary>
/// The payment provider tells the portal that a card or Pay-easy payment was made
/// (<c>POST /api/v1/payments/callback</c>). The raw body is signed (<see cref="CallbackSignature"/>)
/// with the shared secret and a timestamp within the window; the provider's transaction id makes a
/// repeated or replayed message change nothing (it is answered as a duplicate). Every call is audited
/// with the provider as actor.
/// </summary>
public static class PaymentCallback
{
    public const string Actor = "payment-provider";

    /// <summary>The provider's message: its transaction id, the 受付番号 or 払込番号, amount, when paid and how.</summary>
    public sealed record Message(string? TransactionId, string? PaymentNumber, int? Amount, DateTimeOffset? PaidAt, string? Channel);

    public sealed record Command(byte[] Body, string? Timestamp, string? Signature) : ICommand<Outcome>;

    public enum OutcomeKind
    {
        Paid = 1,
        Duplicate = 2,

        /// <summary>Signature, timestamp or secret wrong: 401.</summary>
        Unauthenticated = 3,

        /// <summary>The body is not a message, or names no due fee of this amount: 422 (the provider should alert, not retry).</summary>
        Unprocessable = 4,

        /// <summary>The callback is not configured: 404.</summary>
        Disabled = 5,
    }

    public sealed record Outcome(OutcomeKind Kind, string? Reason = null, string? ReceiptNumber = null);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class Handler(CityDxDbContext db, TimeProvider clock, PaymentOptions options) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(options.CallbackSecret))
            {
                return new Outcome(OutcomeKind.Disabled);
            }

            var now = clock.GetUtcNow();
            var check = CallbackSignature.Verify(options.CallbackSecret, command.Timestamp, command.Signature, command.Body, now, TimeSpan.FromSeconds(options.CallbackWindowSeconds));
            if (check != CallbackCheck.Valid)
            {
                return await AuditedAsync(new Outcome(OutcomeKind.Unauthenticated, check.ToString()), null, AuditOutcome.Denied, now, cancellationToken);
            }

            Message? message;
            try
            {
                message = JsonSerializer.Deserialize<Message>(command.Body, Json);
            }
            catch (JsonException)
            {
                message = null;
            }

            if (message is not { TransactionId.Length: > 0 and <= FeePayment.MaxReferenceLength, Amount: > 0, PaidAt: not null }
                || message.Channel is not (PaymentChannel.Card or PaymentChannel.PayEasy))
            {
                return await AuditedAsync(new Outcome(OutcomeKind.Unprocessable, "BadMessage"), null, AuditOutcome.Denied, now, cancellationToken);
            }

            if (await db.FeePayments.AsNoTracking().Where(p => p.ProviderTransactionId == message.TransactionId)
                    .Join(db.Cases, p => p.CaseId, c => c.Id, (p, c) => c.ReceiptNumber).FirstOrDefaultAsync(cancellationToken) is { } known)
            {
                return await AuditedAsync(new Outcome(OutcomeKind.Duplicate, null, known), null, AuditOutcome.Ok, now, cancellationToken);
            }

            var receipt = PaymentMatching.ReceiptOf(message.PaymentNumber);
            var @case = receipt is null ? null : await db.Cases.FirstOrDefaultAsync(c => c.ReceiptNumber == receipt, cancellationToken);
            if (@case is null)
            {
                return await AuditedAsync(new Outcome(OutcomeKind.Unprocessable, "UnknownPaymentNumber"), null, AuditOutcome.NotFound, now, cancellationToken);
            }

            try
            {
                db.FeePayments.Add(@case.RecordPayment(
                    new PaymentReceipt(message.Amount.Value, Domain.JapanTime.DateOf(message.PaidAt.Value), message.Channel, message.TransactionId, message.TransactionId), Actor, now));
            }
            catch (DomainRuleException ex)
            {
                return await AuditedAsync(new Outcome(OutcomeKind.Unprocessable, ex.Code, @case.ReceiptNumber), @case, AuditOutcome.Denied, now, cancellationToken);
            }

            try
            {
                // An intermediate save (ADR 0005): the same message sent twice at once is told apart only by the
                // unique transaction id (or the case's version), and the loser must answer "Duplicate", not fail.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                return await AuditedAsync(new Outcome(OutcomeKind.Duplicate, null, @case.ReceiptNumber), null, AuditOutcome.Ok, now, cancellationToken);
            }

            return await AuditedAsync(new Outcome(OutcomeKind.Paid, null, @case.ReceiptNumber), @case, AuditOutcome.Ok, now, cancellationToken);
        }

        private async Task<Outcome> AuditedAsync(Outcome outcome, Case? @case, AuditOutcome audit, DateTimeOffset now, CancellationToken cancellationToken)
        {
            db.AuditLog.Add(new AuditEntry(now, Actor, AuditActions.PaymentCallback, audit, @case?.Id, @case?.ReceiptNumber ?? outcome.ReceiptNumber,
                outcome.Reason is null ? outcome.Kind.ToString() : $"{outcome.Kind} {outcome.Reason}"));
            return outcome;
        }
    }
}
