using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Administration;

/// <summary>
/// 業務量の標準 (governance): an admin sets, for a procedure they manage, the staff minutes one counter
/// (or mail) filing takes and one online filing takes, and the day it went online. The dashboard turns
/// them into staff hours saved. Null (404) for a procedure the admin does not manage.
/// </summary>
public static class SetStaffTime
{
    public sealed record Query(string ProcedureCode) : IQuery<View?>;

    public sealed record View(string ProcedureCode, string NameJa, string NameEn, int? CounterMinutes, int? OnlineMinutes, DateOnly? OnlineSince, DateTimeOffset? UpdatedAt);

    public sealed record Command(string ProcedureCode, int? CounterMinutes, int? OnlineMinutes, DateOnly? OnlineSince) : ICommand<bool>, IAuditedChange
    {
        public string AuditAction => Domain.Auditing.AuditActions.StaffTimeChange;

        public string AuditDetail => $"{ProcedureCode} counter={CounterMinutes} online={OnlineMinutes} since={OnlineSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.CounterMinutes).NotNull().WithMessage(_ => l["StaffTime.CounterRequired"])
                .InclusiveBetween(0, StaffTimeStandard.MaxMinutes).WithMessage(_ => l["StaffTime.MinutesRange"]);
            RuleFor(c => c.OnlineMinutes).NotNull().WithMessage(_ => l["StaffTime.OnlineRequired"])
                .InclusiveBetween(0, StaffTimeStandard.MaxMinutes).WithMessage(_ => l["StaffTime.MinutesRange"]);
            RuleFor(c => c.OnlineSince).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31)).WithMessage(_ => l["StaffTime.OnlineSinceRange"]);
        }
    }

    public sealed class QueryHandler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
            var p = await db.Procedures.AsNoTracking().ManageableBy(scope).FirstOrDefaultAsync(x => x.Code == query.ProcedureCode, cancellationToken);
            if (p is null)
            {
                return null;
            }

            var s = await db.StaffTimeStandards.AsNoTracking().FirstOrDefaultAsync(x => x.ProcedureId == p.Id, cancellationToken);
            return new View(p.Code, p.NameJa, p.NameEn, s?.CounterMinutes, s?.OnlineMinutes, s?.OnlineSince, s?.UpdatedAt);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var scope = await db.UnitsOfAsync(userId, cancellationToken);
            var procedureId = await db.Procedures.AsNoTracking().ManageableBy(scope).Where(x => x.Code == command.ProcedureCode).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(cancellationToken);
            if (procedureId is not { } id)
            {
                return false;
            }

            var standard = await db.StaffTimeStandards.FirstOrDefaultAsync(x => x.ProcedureId == id, cancellationToken);
            if (standard is null)
            {
                standard = new StaffTimeStandard(id);
                db.StaffTimeStandards.Add(standard);
            }

            standard.Set(command.CounterMinutes!.Value, command.OnlineMinutes!.Value, command.OnlineSince, userId, clock.GetUtcNow());
            return true;
        }
    }
}
