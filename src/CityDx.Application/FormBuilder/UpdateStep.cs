using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// ページを編集: a step's titles and its optional show-when rule (a question, an operator and values, one per line).
/// Whether the rule points at an earlier question is a publish check, shown in the editor.
/// </summary>
public static class UpdateStep
{
    /// <summary>False when the procedure is not this admin's, has no draft or no such step.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, string StepKey, string? TitleJa, string? TitleEn, string? ConditionFieldKey, ConditionOperator ConditionOperator, string? ConditionValues) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.TitleJa).MaximumLength(200);
            RuleFor(c => c.TitleEn).MaximumLength(200);
            RuleFor(c => c.ConditionOperator).IsInEnum();
            RuleFor(c => c.ConditionValues).MaximumLength(4000)
                .Must((c, v) => FormDrafts.Lines(v).Count > 0)
                .When(c => !string.IsNullOrWhiteSpace(c.ConditionFieldKey) && c.ConditionOperator != ConditionOperator.IsYes)
                .WithMessage(_ => l["Builder.ConditionValuesRequired"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            var draft = procedure is null ? null : await db.DraftOfAsync(procedure, cancellationToken);
            if (draft?.Definition.FindStep(command.StepKey) is null)
            {
                return false;
            }

            var condition = FormDrafts.ConditionFrom(command.ConditionFieldKey, command.ConditionOperator, command.ConditionValues);
            if (condition is not null && draft.Definition.FindField(condition.FieldKey) is null)
            {
                throw new[] { (nameof(Command.ConditionFieldKey), l["Builder.ConditionFieldUnknown"].Value) }.ToValidationException();
            }

            draft.UpdateDefinition(draft.Definition.WithStep(command.StepKey, s => s with
            {
                TitleJa = command.TitleJa?.Trim() ?? "",
                TitleEn = command.TitleEn?.Trim() ?? "",
                ShowWhen = condition,
            }));
            return true;
        }
    }
}
