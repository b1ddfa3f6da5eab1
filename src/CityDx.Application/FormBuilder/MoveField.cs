using CityDx.Application.Common;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Mediator;

namespace CityDx.Application.FormBuilder;

/// <summary>質問の順番: a question moves one place up or down within its step (nothing happens at either end).</summary>
public static class MoveField
{
    /// <summary>False when the procedure is not this admin's, has no draft or no such question.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, string Key, bool Up) : ICommand<bool>;

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            var draft = procedure is null ? null : await db.DraftOfAsync(procedure, cancellationToken);
            var step = draft?.Definition.Steps.FirstOrDefault(s => s.Fields.Any(f => f.Key == command.Key));
            if (draft is null || step is null)
            {
                return false;
            }

            var index = step.Fields.ToList().FindIndex(f => f.Key == command.Key);
            draft.UpdateDefinition(draft.Definition.WithStep(step.Key, s => s with { Fields = FormDrafts.Moved(s.Fields, index, command.Up) }));
            return true;
        }
    }
}
