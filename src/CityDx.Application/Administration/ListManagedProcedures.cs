using CityDx.Application.Common;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Administration;

/// <summary>手続き管理: the procedures this admin may configure, published or not.</summary>
public static class ListManagedProcedures
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(string Code, string NameJa, string NameEn, string OwningUnitJa, string OwningUnitEn, bool IsPublished, int? CurrentVersion);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var units = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
            return await db.Procedures.AsNoTracking().ManageableBy(units)
                .Join(db.OrganisationUnits, p => p.OwningUnitId, u => u.Id, (p, u) => new { p, u })
                .OrderBy(x => x.p.Code)
                .Select(x => new Item(x.p.Code, x.p.NameJa, x.p.NameEn, x.u.NameJa, x.u.NameEn, x.p.IsPublished,
                    db.FormVersions.Where(v => v.Id == x.p.CurrentFormVersionId).Select(v => (int?)v.VersionNumber).FirstOrDefault()))
                .ToListAsync(cancellationToken);
        }
    }
}
