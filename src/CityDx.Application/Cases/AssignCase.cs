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
/// 担当者の割当: claim a case (take it yourself), give it to a colleague of the case's unit, or
/// release it. Recorded in the history; two people claiming at once: one wins, the other sees who.
/// </summary>
public static class AssignCase
{
    /// <summary><see cref="AssigneeUserId"/>: the colleague's account id, or null to release; <see cref="Claim"/> takes it for oneself.</summary>
    public sealed record Command(Guid CaseId, string? AssigneeUserId, int ExpectedVersion, bool Claim = false) : ICommand<Result?>, IAuditedCaseRequest
    {
        public string AuditAction => Domain.Auditing.AuditActions.CaseAssign;

        public string? AuditDetail => Claim ? "claim" : AssigneeUserId is null ? "release" : "assign";
    }

    public sealed record Result(string? AssigneeUserId, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.AssigneeUserId).MaximumLength(450).WithMessage(_ => l["Assign.NotColleague"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.VisibleToStaff(userId).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            @case.ExpectVersion(command.ExpectedVersion, l);
            await AssignAsync(db, @case, command.Claim ? userId : command.AssigneeUserId, userId, clock.GetUtcNow(), l, cancellationToken);
            return new Result(@case.AssigneeUserId, @case.Version);
        }
    }

    /// <summary>Assigns after checking the assignee is a member of the case's unit (shared with the batch).</summary>
    public static async Task AssignAsync(CityDxDbContext db, Case @case, string? assigneeUserId, string actorUserId, DateTimeOffset now, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        if (assigneeUserId is not null
            && !await db.StaffMemberships.AnyAsync(m => m.UserId == assigneeUserId && m.OrganisationUnitId == @case.OrganisationUnitId, cancellationToken))
        {
            throw new[] { (nameof(Command.AssigneeUserId), l["Assign.NotColleague"].Value) }.ToValidationException();
        }

        Workflows.Run(() => @case.Assign(assigneeUserId, actorUserId, now), l, nameof(Command.AssigneeUserId));
    }
}
