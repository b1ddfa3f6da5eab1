using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 質問を追加: a new question of a type at the end of a step. Its key must be valid and unused in the form (steps,
/// questions and sub-questions alike). Attachments start with sensible limits (PDF/JPEG/PNG, 5 MB, 1 file).
/// </summary>
public static class AddField
{
    /// <summary>False when the procedure is not this admin's, has no draft or no such step.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, string StepKey, FieldType Type, string Key, string? LabelJa, string? LabelEn) : ICommand<bool>;

    public static readonly IReadOnlyList<string> DefaultFileTypes = ["pdf", "jpeg", "png"];
    public const long DefaultMaxFileSizeBytes = 5 * 1024 * 1024;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Type).IsInEnum().WithMessage(_ => l["Builder.TypeRequired"]);
            RuleFor(c => c.Key).Must(FormChecks.IsValidKey).WithMessage(_ => l["Builder.KeyFormat"]);
            RuleFor(c => c.LabelJa).NotEmpty().When(c => c.Type != FieldType.Information).WithMessage(_ => l["Builder.LabelJaRequired"]).MaximumLength(400);
            RuleFor(c => c.LabelEn).NotEmpty().When(c => c.Type != FieldType.Information).WithMessage(_ => l["Builder.LabelEnRequired"]).MaximumLength(400);
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

            var definition = draft.Definition;
            if (definition.UsesKey(command.Key) || definition.Fields.Any(f => f.SubFieldList.Any(s => s.Key == command.Key)))
            {
                throw new[] { (nameof(Command.Key), l["Builder.KeyTaken"].Fill(("key", command.Key))) }.ToValidationException();
            }

            var field = new FormField(command.Key, command.Type, command.LabelJa?.Trim() ?? "", command.LabelEn?.Trim() ?? "", Required: command.Type != FieldType.Information);
            if (command.Type == FieldType.FileUpload)
            {
                field = field with { AllowedFileTypes = DefaultFileTypes, MaxFileSizeBytes = DefaultMaxFileSizeBytes, MaxFiles = 1 };
            }

            draft.UpdateDefinition(definition.WithStep(command.StepKey, s => s with { Fields = [.. s.Fields, field] }));
            return true;
        }
    }
}
