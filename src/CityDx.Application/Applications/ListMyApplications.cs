using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Applications;

/// <summary>
/// マイページ / 申請一覧: the signed-in citizen's applications in progress (一時保存中, to continue
/// on any device until they expire) and those submitted, newest first.
/// </summary>
public static class ListMyApplications
{
    public sealed record Query : IQuery<MyApplications>;

    public sealed record MyApplications(IReadOnlyList<DraftItem> Drafts, IReadOnlyList<Item> Items);

    public sealed record Item(Guid Id, string ReceiptNumber, string ProcedureNameJa, string ProcedureNameEn, string Status, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt)
    {
        /// <summary>The fee's state (手数料: 未払い, 支払済, …), so a slip paid at a store shows as paid here.</summary>
        public PaymentState Payment { get; init; }
    }

    public sealed record DraftItem(Guid Id, string ProcedureCode, string ProcedureNameJa, string ProcedureNameEn, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, MyApplications>
    {
        public async ValueTask<MyApplications> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var now = clock.GetUtcNow();
            var drafts = await db.OpenDraftsOf(userId, now).AsNoTracking()
                .Join(db.Procedures, d => d.ProcedureId, p => p.Id, (d, p) => new { d, p })
                .OrderByDescending(x => x.d.UpdatedAt)
                .Select(x => new DraftItem(x.d.Id, x.p.Code, x.p.NameJa, x.p.NameEn, x.d.UpdatedAt, x.d.ExpiresAt))
                .Take(50)
                .ToListAsync(cancellationToken);
            var rows = await db.OwnedBy(userId)
                .Join(db.Procedures, c => c.ProcedureId, p => p.Id, (c, p) => new { c, p })
                .OrderByDescending(x => x.c.SubmittedAt)
                .Select(x => new { x.c.Id, x.c.ReceiptNumber, x.p.NameJa, x.p.NameEn, x.c.Status, x.c.SubmittedAt, x.c.UpdatedAt, x.c.ProcedureId, x.p.WorkflowJson, x.c.PaymentState })
                .Take(200)
                .ToListAsync(cancellationToken);
            // States an admin added read as the citizen's few words (処理中, or the outcome).
            var workflows = rows.DistinctBy(r => r.ProcedureId).ToDictionary(r => r.ProcedureId, r => CaseWorkflow.FromJson(r.WorkflowJson));
            var items = rows.Select(r => new Item(r.Id, r.ReceiptNumber, r.NameJa, r.NameEn, workflows[r.ProcedureId].CitizenStatus(r.Status), r.SubmittedAt, r.UpdatedAt) { Payment = r.PaymentState }).ToList();
            return new MyApplications(drafts, items);
        }
    }
}
