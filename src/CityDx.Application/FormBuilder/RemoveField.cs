using CityDx.Application.Common;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Mediator;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 質問を削除: a question leaves the draft. Rules that referred to it then fail the publish checks and are listed
/// in the editor, so nothing silently changes meaning.
/// </summary>
public static class RemoveField
{
    /// <summary>False when the procedure is not this admin's, has no draft or no such question.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, string Key) : ICommand<bool>;

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            var draft = procedure is null ? null : await db.DraftOfAsync(procedure, cancellationToken);
            if (draft?.Definition.FindField(command.Key) is null)
            {
                return false;
            }

            draft.UpdateDefinition(new FormDefinition([.. draft.Definition.Steps.Select(s => s with { Fields = [.. s.Fields.Where(f => f.Key != command.Key)] })]));
            return true;
        }
    }
}
