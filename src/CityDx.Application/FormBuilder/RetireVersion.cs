using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 版を廃止: a published version that is no longer current is retired (kept for the applications filed under it).
/// The current version cannot be retired: publish a new one first.
/// </summary>
public static class RetireVersion
{
    /// <summary>False when the procedure is not this admin's or has no such version.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(string Code, int Number) : ICommand<bool>;

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            var version = procedure is null ? null
                : await db.FormVersions.FirstOrDefaultAsync(v => v.ProcedureId == procedure.Id && v.VersionNumber == command.Number, cancellationToken);
            if (procedure is null || version is null)
            {
                return false;
            }

            var property = "version-" + command.Number;
            if (version.Id == procedure.CurrentFormVersionId)
            {
                throw new[] { (property, l["Builder.RetireCurrent"].Value) }.ToValidationException();
            }

            if (version.Status != FormVersionStatus.Published)
            {
                throw new[] { (property, l["Builder.RetireNotPublished"].Value) }.ToValidationException();
            }

            version.Retire();
            return true;
        }
    }
}
