using CityDx.Application.Common;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.FormBuilder;

/// <summary>様式をダウンロード: one version's definition as <see cref="FormJson"/>, to import elsewhere.</summary>
public static class ExportFormVersion
{
    public sealed record Query(string Code, int Number) : IQuery<Result?>;

    public sealed record Result(string FileName, string Json);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, query.Code, cancellationToken);
            var version = procedure is null ? null
                : await db.FormVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ProcedureId == procedure.Id && v.VersionNumber == query.Number, cancellationToken);
            return version is null ? null : new Result($"{query.Code}-v{query.Number}.json", FormJson.Export(version.Definition));
        }
    }
}
