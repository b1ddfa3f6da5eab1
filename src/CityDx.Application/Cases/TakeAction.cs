using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>
/// Staff or an approver take an action of the procedure's workflow on a case (start review, send
/// for approval, approve, reject, complete, or an action an admin added) with a comment the citizen
/// sees. The workflow decides what is allowed from the state for this person's roles; an approver
/// cannot decide a case they reviewed. <see cref="Command.ExpectedVersion"/> is the version the person
/// was looking at: when two act at once exactly one wins and the other gets a <see cref="ConflictException"/>.
/// The citizen is mailed when the case is decided.
/// </summary>
public static class TakeAction
{
    public const int MaxCommentLength = 2000;

    public sealed record Command(Guid CaseId, string? Action, string? Comment, int ExpectedVersion) : ICommand<Result?>, IAuditedCaseRequest
    {
        public string AuditAction => Domain.Auditing.AuditActions.CaseAction;

        public string? AuditDetail => Action;
    }

    public sealed record Result(string Status, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Action).Must(a => CaseWorkflow.IsValidCode(a) && !CaseAction.NeedsOwnForm(a!))
                .WithMessage(_ => l["Validation.UnknownAction"]);
            RuleFor(c => c.Comment).MaximumLength(MaxCommentLength)
                .WithMessage(_ => l["Validation.CommentTooLong"].Fill(("max", MaxCommentLength.ToString(CultureInfo.CurrentCulture))));
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, Notifications notifications, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.VisibleToStaff(user.RequireUserId()).Include(c => c.History)
                .FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            @case.ExpectVersion(command.ExpectedVersion, l);
            var workflow = await db.WorkflowOfAsync(@case.ProcedureId, cancellationToken);
            var actor = user.StaffActor();
            if (workflow.Find(@case.Status, command.Action!, actor.Roles) is { CommentRequired: true } && string.IsNullOrWhiteSpace(command.Comment))
            {
                throw new[] { (nameof(Command.Comment), l[command.Action == CaseAction.Reject ? "Validation.RejectNeedsComment" : "Case.CommentRequired"].Value) }.ToValidationException();
            }

            var wasDecided = @case.DecidedAt is not null;
            var holders = await RoleHolders.OfUnitsAsync(db, [@case.OrganisationUnitId], cancellationToken);
            Workflows.Run(() =>
            {
                holders.EnsureNextStepHeld(workflow, @case, command.Action!, actor);
                @case.Apply(workflow, command.Action!, actor, command.Comment, clock.GetUtcNow(), calendar);
            }, l, nameof(Command.Action));

            if (!wasDecided && @case.DecidedAt is not null)
            {
                var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == @case.ProcedureId, cancellationToken);
                await notifications.CaseDecidedAsync(@case, workflow, procedure, command.Comment, cancellationToken);
            }

            // Saved by the transaction behaviour; the UPDATE is conditional on the version read above, so a
            // concurrent change makes it affect no row and the command a conflict.
            return new Result(@case.Status, @case.Version);
        }
    }
}
