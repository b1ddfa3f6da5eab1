using CityDx.Application.Common;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Administration;

/// <summary>
/// What the procedure edit page needs: the procedure as a <see cref="SaveProcedure.Command"/> to
/// edit (null Command for a new one) and the units this admin may choose as owner.
/// </summary>
public static class GetProcedureForEdit
{
    public sealed record Query(string? Code) : IQuery<Result?>;

    public sealed record UnitOption(Guid Id, string NameJa, string NameEn);

    public sealed record Result(SaveProcedure.Command? Command, IReadOnlyList<UnitOption> Units);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
            var units = await db.OrganisationUnits.AsNoTracking()
                .Where(u => scope == null || scope.Contains(u.Id))
                .OrderBy(u => u.SortOrder)
                .Select(u => new UnitOption(u.Id, u.NameJa, u.NameEn))
                .ToListAsync(cancellationToken);
            if (query.Code is null)
            {
                return new Result(null, units);
            }

            var p = await db.Procedures.AsNoTracking().ManageableBy(scope).FirstOrDefaultAsync(x => x.Code == query.Code, cancellationToken);
            return p is null
                ? null
                : new Result(
                    new SaveProcedure.Command(p.Code, p.Code, p.NameJa, p.NameEn, p.DescriptionJa, p.DescriptionEn, p.Category, p.LifeEventList,
                        p.Keywords, p.EligibilityJa, p.EligibilityEn, p.RequiredDocumentsJa, p.RequiredDocumentsEn, p.FeeYen, p.FeeTiming,
                        p.StandardProcessingDays, p.Routing, p.Channels, p.OwningUnitId, p.IsPublished, p.Proxy),
                    units);
        }
    }
}
