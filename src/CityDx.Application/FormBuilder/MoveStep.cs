using CityDx.Application.Common;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Mediator;

namespace CityDx.Application.FormBuilder;

/// <summary>ページの順番: a step moves one place up or down (nothing happens at either end).</summary>
public static class MoveStep
{
    /// <summary>False when the procedure is not this admin's, has no draft or no such step.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, string StepKey, bool Up) : ICommand<bool>;

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            var draft = procedure is null ? null : await db.DraftOfAsync(procedure, cancellationToken);
            var steps = draft?.Definition.Steps ?? [];
            var index = steps.ToList().FindIndex(s => s.Key == command.StepKey);
            if (draft is null || index < 0)
            {
                return false;
            }

            draft.UpdateDefinition(new FormDefinition(FormDrafts.Moved(steps, index, command.Up)));
            return true;
        }
    }
}
