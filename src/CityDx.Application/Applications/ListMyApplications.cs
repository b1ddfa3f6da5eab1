using CityDx.Application.Common;
using CityDx.Application.Cases;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Applications;

/// <summary>マイページ / 申請一覧: the signed-in citizen's own applications, newest first.</summary>
public static class ListMyApplications
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string ReceiptNumber, string ProcedureNameJa, string ProcedureNameEn, CaseStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var items = await db.OwnedBy(userId)
                .Join(db.Procedures, c => c.ProcedureId, p => p.Id, (c, p) => new { c, p })
                .OrderByDescending(x => x.c.SubmittedAt)
                .Select(x => new Item(x.c.Id, x.c.ReceiptNumber, x.p.NameJa, x.p.NameEn, x.c.Status, x.c.SubmittedAt, x.c.UpdatedAt))
                .Take(200)
                .ToListAsync(cancellationToken);
            return items;
        }
    }
}
