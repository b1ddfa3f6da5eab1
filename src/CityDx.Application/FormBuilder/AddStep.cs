using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.FormBuilder;

/// <summary>ページを追加: a new, empty step at the end of the draft. Its key must be valid and unused in the form.</summary>
public static class AddStep
{
    /// <summary>False when the procedure is not this admin's or has no draft.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, string Key, string TitleJa, string TitleEn) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Key).Must(FormChecks.IsValidKey).WithMessage(_ => l["Builder.KeyFormat"]);
            RuleFor(c => c.TitleJa).NotEmpty().WithMessage(_ => l["Builder.StepTitleJaRequired"]).MaximumLength(200);
            RuleFor(c => c.TitleEn).NotEmpty().WithMessage(_ => l["Builder.StepTitleEnRequired"]).MaximumLength(200);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            var draft = procedure is null ? null : await db.DraftOfAsync(procedure, cancellationToken);
            if (draft is null)
            {
                return false;
            }

            var definition = draft.Definition;
            if (definition.UsesKey(command.Key))
            {
                throw new[] { (nameof(Command.Key), l["Builder.KeyTaken"].Fill(("key", command.Key))) }.ToValidationException();
            }

            draft.UpdateDefinition(new FormDefinition([.. definition.Steps, new FormStep(command.Key, command.TitleJa.Trim(), command.TitleEn.Trim(), [])]));
            return true;
        }
    }
}
