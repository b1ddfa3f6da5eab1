using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>
/// Staff take an action on a case (start review, approve, reject) with a comment the citizen sees.
/// The action is checked by the workflow; <see cref="Command.ExpectedVersion"/> is the version the
/// person was looking at, so when two people act at once exactly one wins and the other gets a
/// <see cref="ConflictException"/>.
/// </summary>
public static class DecideCase
{
    public const int MaxCommentLength = 2000;

    public sealed record Command(Guid CaseId, CaseAction Action, string? Comment, int ExpectedVersion) : ICommand<Result?>, IAuditedCaseRequest { public string AuditAction => Domain.Auditing.AuditActions.CaseAction; public string AuditDetail => Action.ToString(); }

    public sealed record Result(CaseStatus Status, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Action).Must(a => a is CaseAction.StartReview or CaseAction.Approve or CaseAction.Reject)
                .WithMessage(_ => l["Validation.UnknownAction"]);
            RuleFor(c => c.Comment).MaximumLength(MaxCommentLength)
                .WithMessage(_ => l["Validation.CommentTooLong"].Value.Replace("{max}", MaxCommentLength.ToString(System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal));
            RuleFor(c => c.Comment).NotEmpty().When(c => c.Action == CaseAction.Reject)
                .WithMessage(_ => l["Validation.RejectNeedsComment"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, Notifications notifications, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.VisibleToStaff(userId).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            if (@case.Version != command.ExpectedVersion)
            {
                throw new ConflictException(l["Case.Conflict"]);
            }

            try
            {
                @case.Apply(CaseWorkflow.Default, command.Action, ActorKind.Staff, userId, command.Comment, clock.GetUtcNow());
            }
            catch (DomainRuleException ex)
            {
                throw new[] { (nameof(Command.Action), l[ex.Code].Value) }.ToValidationException();
            }

            if (@case.Status.IsTerminal())
            {
                var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == @case.ProcedureId, cancellationToken);
                await notifications.CaseDecidedAsync(@case, procedure, command.Comment, cancellationToken);
            }

            // The UPDATE is conditional on the version read above: a concurrent change makes it affect no row.
            await db.SaveChangesAsync(cancellationToken);
            return new Result(@case.Status, @case.Version);
        }
    }
}
