using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>
/// 手数料の確定: for a procedure whose fee is fixed after review, staff of the case's unit set the
/// amount once they have reviewed the application; the citizen then sees it due on their
/// application and pays with the procedure's payment providers. Not once it is paid or the case is closed.
/// </summary>
public static class SetFee
{
    public const int MaxYen = 1_000_000;

    public sealed record Command(Guid CaseId, int? Yen, int ExpectedVersion) : ICommand<int?>, IAuditedCaseRequest { public string AuditAction => Domain.Auditing.AuditActions.CaseSetFee; }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Yen).NotNull().WithMessage(_ => l["Fee.AmountRequired"])
                .InclusiveBetween(1, MaxYen).WithMessage(_ => l["Fee.AmountRange"].Fill(("max", MaxYen.ToString("N0", CultureInfo.CurrentCulture))));
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, int?>
    {
        public async ValueTask<int?> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.VisibleToStaff(user.RequireUserId()).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            @case.ExpectVersion(command.ExpectedVersion, l);
            var timing = await db.Procedures.Where(p => p.Id == @case.ProcedureId).Select(p => p.FeeTiming).SingleAsync(cancellationToken);
            if (timing != FeeTiming.AfterReview || @case.DecidedAt is not null || @case.PaymentState == PaymentState.Paid)
            {
                throw new[] { (nameof(Command.Yen), l["Fee.NotNow"].Value) }.ToValidationException();
            }

            @case.RequireFee(command.Yen!.Value, afterReview: true);
            return @case.FeeYen;
        }
    }
}
