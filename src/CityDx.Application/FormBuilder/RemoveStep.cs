using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.FormBuilder;

/// <summary>ページを削除: a step and its questions leave the draft. The only step of a form cannot be removed.</summary>
public static class RemoveStep
{
    /// <summary>False when the procedure is not this admin's, has no draft or no such step.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, string StepKey) : ICommand<bool>;

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

            if (draft.Definition.Steps.Count == 1)
            {
                throw new[] { ("step-" + command.StepKey, l["Builder.LastStep"].Value) }.ToValidationException();
            }

            draft.UpdateDefinition(new FormDefinition([.. draft.Definition.Steps.Where(s => s.Key != command.StepKey)]));
            return true;
        }
    }
}
