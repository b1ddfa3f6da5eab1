using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Payments;

/// <summary>
/// 収納の記録: staff of the case's unit record that the fee was paid with the slip (or otherwise) —
/// the day, the channel (counter, convenience store, bank transfer, Pay-easy) and the reference on
/// the receipt. The whole fee only; a wrong amount is not a payment. Null when the case is not theirs.
/// </summary>
public static class RecordFeePayment
{
    public sealed record Command(Guid CaseId, DateOnly? PaidOn, string? PaymentChannel, string? PaymentReference, int ExpectedVersion) : ICommand<bool?>, IAuditedCaseRequest
    {
        public string AuditAction => Domain.Auditing.AuditActions.CaseFeePayment;

        public string? AuditDetail => PaymentChannel;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, TimeProvider clock)
        {
            RuleFor(c => c.PaidOn).NotNull().WithMessage(_ => l["Payment.PaidOnRequired"])
                .Must(d => d <= Domain.JapanTime.DateOf(clock.GetUtcNow())).WithMessage(_ => l["Payment.PaidOnFuture"]);
            RuleFor(c => c.PaymentChannel).Must(Domain.Payments.PaymentChannel.IsKnown).WithMessage(_ => l["Payment.UnknownChannel"]);
            RuleFor(c => c.PaymentReference).MaximumLength(FeePayment.MaxReferenceLength).WithMessage(_ => l["Payment.ReferenceTooLong"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, bool?>
    {
        public async ValueTask<bool?> Handle(Command command, CancellationToken cancellationToken) =>
            await StaffFeeRecord.RecordAsync(db, user, command.CaseId, command.ExpectedVersion, l, nameof(Command.PaidOn), (@case, userId) =>
                @case.RecordPayment(new PaymentReceipt(@case.FeeYen ?? 0, command.PaidOn!.Value, command.PaymentChannel!, command.PaymentReference?.Trim() ?? ""), userId, clock.GetUtcNow()),
                cancellationToken);
    }
}
