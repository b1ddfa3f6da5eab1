using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Payments;

/// <summary>
/// 手数料のお支払い: the applicant pays the fee of their own application by card or chooses a
/// payment slip. A declined card changes nothing and says why. Null when it is not theirs.
/// </summary>
public static class PayFee
{
    public sealed record Command(Guid CaseId, string Method, string? CardNumber, string? CardExpiry, string? CardCvc) : ICommand<PaymentState?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Method).Must(m => m is "card" or "counter").WithMessage(_ => l["Payment.ChooseMethod"]);
            RuleFor(c => c.CardNumber).NotEmpty().When(c => c.Method == "card").WithMessage(_ => l["Payment.CardNumberInvalid"]).MaximumLength(30);
            RuleFor(c => c.CardExpiry).NotEmpty().When(c => c.Method == "card").WithMessage(_ => l["Payment.CardExpired"]).MaximumLength(10);
            RuleFor(c => c.CardCvc).NotEmpty().When(c => c.Method == "card").WithMessage(_ => l["Payment.CardCvcInvalid"]).MaximumLength(4);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IEnumerable<IPaymentProvider> providers, TimeProvider clock, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, PaymentState?>
    {
        public async ValueTask<PaymentState?> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.OwnedBy(user.RequireUserId()).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            if (!@case.FeeUnpaid || @case.FeeYen is not { } amount)
            {
                throw new[] { (nameof(Command.Method), l["Payment.NothingDue"].Value) }.ToValidationException();
            }

            var provider = providers.Single(p => p.Method == command.Method);
            var outcome = await provider.PayAsync(new PaymentRequest(@case.Id, @case.ReceiptNumber, amount, command.CardNumber, command.CardExpiry, command.CardCvc), cancellationToken);
            switch (outcome.Kind)
            {
                case PaymentOutcomeKind.Paid:
                    var now = clock.GetUtcNow();
                    db.FeePayments.Add(@case.RecordPayment(new PaymentReceipt(amount, Domain.JapanTime.DateOf(now), PaymentChannel.Card, outcome.Reference!), user.RequireUserId(), now));
                    break;
                case PaymentOutcomeKind.PayAtCounter:
                    @case.ChoosePayAtCounter(outcome.Reference!);
                    break;
                default:
                    throw new[] { (nameof(Command.CardNumber), l[outcome.DeclineCode ?? "Payment.CardDeclined"].Value) }.ToValidationException();
            }

            return @case.PaymentState;
        }
    }
}
