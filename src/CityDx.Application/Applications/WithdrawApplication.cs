using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
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

    public sealed record Command(Guid CaseId, string? Reason, int ExpectedVersion) : ICommand<string?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Withdraw.ReasonRequired"])
                .MaximumLength(MaxReasonLength).WithMessage(_ => l["Withdraw.ReasonTooLong"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, string?>
    {
        public async ValueTask<string?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.OwnedBy(userId).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            @case.ExpectVersion(command.ExpectedVersion, l, "Withdraw.Conflict");
            var workflow = await db.WorkflowOfAsync(@case.ProcedureId, cancellationToken);
            Workflows.Run(() => @case.Apply(workflow, CaseAction.Withdraw, CaseActor.Applicant(userId), command.Reason, clock.GetUtcNow(), calendar),
                l, nameof(Command.Reason), "Withdraw.NotAllowed");
            return @case.Status;
        }
    }
}
