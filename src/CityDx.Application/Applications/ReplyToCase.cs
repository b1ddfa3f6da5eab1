using System.Globalization;
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
/// The applicant writes to the office about their own application (a reply in the thread staff
/// see on the case page). Null when the application is not theirs.
/// </summary>
public static class ReplyToCase
{
    public sealed record Command(Guid CaseId, string? Body) : ICommand<Guid?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Body).NotEmpty().WithMessage(_ => l["Message.BodyRequired"])
                .MaximumLength(CaseMessage.MaxBodyLength)
                .WithMessage(_ => l["Message.BodyTooLong"].Fill(("max", CaseMessage.MaxBodyLength.ToString(CultureInfo.CurrentCulture))));
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, Guid?>
    {
        public async ValueTask<Guid?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var open = await db.OwnedBy(userId).Where(c => c.Id == command.CaseId).Select(c => new { c.Status, c.ProcedureId }).FirstOrDefaultAsync(cancellationToken);
            if (open is null)
            {
                return null;
            }

            if (!(await db.WorkflowOfAsync(open.ProcedureId, cancellationToken)).AcceptsMessages(open.Status))
            {
                throw new[] { (nameof(Command.Body), l["Message.Closed"].Value) }.ToValidationException();
            }

            var message = new CaseMessage(command.CaseId, MessageKind.FromApplicant, userId, command.Body!, clock.GetUtcNow());
            db.CaseMessages.Add(message);
            return message.Id;
        }
    }
}
