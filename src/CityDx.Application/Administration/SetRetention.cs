using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Administration;

/// <summary>保存期間: how many years after the decision a closed case of the procedure keeps its personal data.</summary>
public static class SetRetention
{
    public sealed record Command(string ProcedureCode, int? Years) : ICommand<bool>, IAuditedChange
    {
        public string AuditAction => Domain.Auditing.AuditActions.WorkflowChange;

        public string AuditDetail => $"{ProcedureCode} retention={Years}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Years).NotNull().InclusiveBetween(1, 30).WithMessage(_ => l["Retention.YearsRange"]);
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var scope = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
            var procedure = await db.Procedures.ManageableBy(scope).FirstOrDefaultAsync(p => p.Code == command.ProcedureCode, cancellationToken);
            if (procedure is null)
            {
                return false;
            }

            Workflows.Run(() => procedure.SetRetention(command.Years!.Value), l, nameof(Command.Years));
            return true;
        }
    }
}
