using System.Globalization;
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
/// Staff of the case's unit write on a case: a message to the applicant (who is mailed that there is
/// one, without its text: see <see cref="Notifications.MessageToApplicantAsync"/>) or an internal
/// note (内部メモ) that only staff ever see. Null (404) for a case of another unit.
/// </summary>
public static class WriteCaseMessage
{
    public sealed record Command(Guid CaseId, MessageKind Kind, string? Body) : ICommand<Guid?>, IAuditedCaseRequest { public string AuditAction => Domain.Auditing.AuditActions.CaseMessage; public string AuditDetail => Kind.ToString(); }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Kind).Must(k => k is MessageKind.ToApplicant or MessageKind.InternalNote)
                .WithMessage(_ => l["Message.KindRequired"]);
            RuleFor(c => c.Body).NotEmpty().WithMessage(_ => l["Message.BodyRequired"])
                .MaximumLength(CaseMessage.MaxBodyLength)
                .WithMessage(_ => l["Message.BodyTooLong"].Fill(("max", CaseMessage.MaxBodyLength.ToString(CultureInfo.CurrentCulture))));
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, Notifications notifications, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Guid?>
    {
        public async ValueTask<Guid?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.VisibleToStaff(userId).AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            if (!(await db.WorkflowOfAsync(@case.ProcedureId, cancellationToken)).AcceptsMessages(@case.Status))
            {
                throw new[] { (nameof(Command.Body), l["Message.Closed"].Value) }.ToValidationException();
            }

            var message = new CaseMessage(@case.Id, command.Kind, userId, command.Body!, clock.GetUtcNow());
            db.CaseMessages.Add(message);
            if (command.Kind == MessageKind.ToApplicant)
            {
                var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == @case.ProcedureId, cancellationToken);
                await notifications.MessageToApplicantAsync(@case, procedure, cancellationToken);
            }

            return message.Id;
        }
    }
}
