using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Payments;

/// <summary>
/// 還付・返還の記録: staff of the case's unit record that a paid fee was refunded — the amount (at most
/// the fee), the day and why. The money itself moves in the city's accounting system; this is the record.
/// </summary>
public static class RefundFee
{
    public sealed record Command(Guid CaseId, int? RefundYen, DateOnly? RefundedOn, string? RefundReason, int ExpectedVersion) : ICommand<bool?>, IAuditedCaseRequest
    {
        public string AuditAction => Domain.Auditing.AuditActions.CaseFeeRefund;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, TimeProvider clock)
        {
            RuleFor(c => c.RefundYen).NotNull().GreaterThan(0).WithMessage(_ => l["Refund.AmountRange"]);
            RuleFor(c => c.RefundedOn).NotNull().WithMessage(_ => l["Refund.DateRequired"])
                .Must(d => d <= Domain.JapanTime.DateOf(clock.GetUtcNow())).WithMessage(_ => l["Payment.PaidOnFuture"]);
            RuleFor(c => c.RefundReason).NotEmpty().WithMessage(_ => l["Refund.ReasonRequired"])
                .MaximumLength(FeePayment.MaxReasonLength).WithMessage(_ => l["Refund.ReasonTooLong"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, bool?>
    {
        public async ValueTask<bool?> Handle(Command command, CancellationToken cancellationToken) =>
            await StaffFeeRecord.RecordAsync(db, user, command.CaseId, command.ExpectedVersion, l, nameof(Command.RefundYen), (@case, userId) =>
                @case.Refund(command.RefundYen!.Value, command.RefundedOn!.Value, command.RefundReason!, userId, clock.GetUtcNow()),
                cancellationToken);
    }
}
