using CityDx.Application.Common;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 下書きを作成: a new draft copied from the current published version (numbered after every existing version),
/// or an empty one-page form when there is none. When a draft exists already, that one is returned.
/// </summary>
public static class StartDraft
{
    /// <summary>Returns the draft's version number, or null when the procedure is not this admin's.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code) : ICommand<int?>;

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : ICommandHandler<Command, int?>
    {
        public async ValueTask<int?> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            if (procedure is null)
            {
                return null;
            }

            if (await db.DraftOfAsync(procedure, cancellationToken) is { } existing)
            {
                return existing.VersionNumber;
            }

            var number = await db.NextVersionNumberAsync(procedure, cancellationToken);
            var current = procedure.CurrentFormVersionId is { } currentId
                ? await db.FormVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == currentId, cancellationToken)
                : null;
            var draft = current is null ? FormVersion.Draft(procedure.Id, number, FormDrafts.Empty()) : current.CopyAsDraft(number);
            db.FormVersions.Add(draft);
            return number;
        }
    }
}
