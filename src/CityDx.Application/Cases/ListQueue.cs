using System.Globalization;
using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Cases;

/// <summary>
/// 案件一覧(処理待ち): the cases of the staff member's units, oldest first. Keyset pagination on
/// (filed at, receipt number): no OFFSET and no COUNT over the table per page, so page 1,000 costs
/// what page 1 costs.
/// </summary>
public static class ListQueue
{
    public const int PageSize = 50;

    public sealed record Query(Guid? UnitId = null, CaseStatus? Status = null, string? After = null) : IQuery<Page>, IAuditedRequest { public string AuditAction => Domain.Auditing.AuditActions.QueueList; public string AuditDetail => $"unit={UnitId} status={Status}"; }

    public sealed record Item(Guid Id, string ReceiptNumber, string ProcedureNameJa, string ProcedureNameEn, string UnitNameJa, string UnitNameEn, CaseStatus Status, Channel Channel, DateTimeOffset SubmittedAt, DateOnly? DueDate);

    public sealed record Unit(Guid Id, string NameJa, string NameEn);

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor, IReadOnlyList<Unit> MyUnits);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.After).Must(a => a is null || Cursor.TryParse(a, out _));
            RuleFor(q => q.Status).IsInEnum();
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var myUnits = await db.StaffMemberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .Join(db.OrganisationUnits, m => m.OrganisationUnitId, u => u.Id, (m, u) => new Unit(u.Id, u.NameJa, u.NameEn))
                .ToListAsync(cancellationToken);

            var cases = db.VisibleToStaff(userId).AsNoTracking();
            if (query.UnitId is { } unitId)
            {
                cases = cases.Where(c => c.OrganisationUnitId == unitId);
            }

            cases = query.Status is { } status
                ? cases.Where(c => c.Status == status)
                : cases.Where(c => c.Status == CaseStatus.Submitted || c.Status == CaseStatus.UnderReview || c.Status == CaseStatus.AwaitingApproval || c.Status == CaseStatus.AwaitingCorrection);

            if (query.After is not null && Cursor.TryParse(query.After, out var after))
            {
                cases = cases.Where(c => c.SubmittedAt > after.At || (c.SubmittedAt == after.At && string.Compare(c.ReceiptNumber, after.ReceiptNumber) > 0));
            }

            var rows = await cases
                .OrderBy(c => c.SubmittedAt).ThenBy(c => c.ReceiptNumber)
                .Take(PageSize + 1)
                .Join(db.Procedures, c => c.ProcedureId, p => p.Id, (c, p) => new { c, p })
                .Join(db.OrganisationUnits, x => x.c.OrganisationUnitId, u => u.Id, (x, u) => new { x.c, x.p, u })
                .OrderBy(x => x.c.SubmittedAt).ThenBy(x => x.c.ReceiptNumber)
                .Select(x => new Item(x.c.Id, x.c.ReceiptNumber, x.p.NameJa, x.p.NameEn, x.u.NameJa, x.u.NameEn, x.c.Status, x.c.Channel, x.c.SubmittedAt, x.c.DueDate))
                .ToListAsync(cancellationToken);

            string? next = null;
            if (rows.Count > PageSize)
            {
                rows.RemoveAt(PageSize);
                next = new Cursor(rows[^1].SubmittedAt, rows[^1].ReceiptNumber).ToString();
            }

            return new Page(rows, next, myUnits);
        }
    }

    /// <summary>Opaque position in the queue: the last row's filing time and receipt number.</summary>
    public readonly record struct Cursor(DateTimeOffset At, string ReceiptNumber)
    {
        public override string ToString() => $"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{ReceiptNumber}";

        public static bool TryParse(string value, out Cursor cursor)
        {
            cursor = default;
            var parts = value.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !Domain.Cases.ReceiptNumber.IsValid(parts[1]))
            {
                return false;
            }

            cursor = new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            return true;
        }
    }
}
