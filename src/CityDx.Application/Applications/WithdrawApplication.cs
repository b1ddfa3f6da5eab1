using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>
/// 取下げ: the applicant withdraws their own application before a decision, with a reason that
/// staff see in the history. Null when the application is not theirs.
/// </summary>
public static class WithdrawApplication
{
    public const int MaxReasonLength = 1000;

    public sealed record Command(Guid CaseId, string? Reason, int ExpectedVersion) : ICommand<CaseStatus?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Withdraw.ReasonRequired"])
                .MaximumLength(MaxReasonLength).WithMessage(_ => l["Withdraw.ReasonTooLong"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, CaseStatus?>
    {
        public async ValueTask<CaseStatus?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.OwnedBy(userId).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            if (@case.Version != command.ExpectedVersion)
            {
                throw new ConflictException(l["Withdraw.Conflict"]);
            }

            try
            {
                @case.Apply(CaseWorkflow.Default, CaseAction.Withdraw, ActorKind.Applicant, userId, command.Reason, clock.GetUtcNow());
            }
            catch (DomainRuleException ex)
            {
                throw new[] { (nameof(Command.Reason), l[ex.Code == "Case.ActionNotAllowed" ? "Withdraw.NotAllowed" : ex.Code].Value) }.ToValidationException();
            }

            await db.SaveChangesAsync(cancellationToken);
            return @case.Status;
        }
    }
}
