using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>
/// 案件一覧(処理待ち): the cases of the staff member's units, with counts per open state, filters
/// (unit, procedure, state, assignee, due, filing dates, channel, receipt number, フリガナ) and
/// sorting by due date or filing date. Keyset pagination on (sort key, receipt number): no OFFSET
/// and no COUNT over the table per page, so page 1,000 costs what page 1 costs. The same
/// <see cref="Filter"/> selects the cases of a batch action and of a CSV export.
/// The filter is in <c>ListQueue.Filter.cs</c>, the keyset in <c>ListQueue.Cursor.cs</c>, and the procedures,
/// workflows and units a queue names in <see cref="QueueReferenceData"/>.
/// </summary>
public static partial class ListQueue
{
    /// <summary>Audited as a list read; the detail names the filter's non-personal parts only (never the フリガナ searched).</summary>
    public sealed record Query(Filter Filter, SortBy Sort = SortBy.Due, string? After = null) : IQuery<Page>, IAuditedRequest
    {
        public string AuditAction => Domain.Auditing.AuditActions.QueueList;

        public string AuditDetail => $"unit={Filter.UnitId} procedure={Filter.ProcedureId} status={Filter.Status} sort={Sort}";
    }

    public sealed record Item(
        Guid Id, string ReceiptNumber, string ProcedureNameJa, string ProcedureNameEn, string UnitNameJa, string UnitNameEn,
        StateLabel Status, Channel Channel, DateTimeOffset SubmittedAt, DateOnly? DueDate, Due DueState, string? ApplicantName,
        string? AssigneeName, bool AssignedToMe, int Version, PaymentState Payment);

    public sealed record Unit(Guid Id, string NameJa, string NameEn);

    public sealed record ProcedureOption(Guid Id, string NameJa, string NameEn);

    public sealed record StateCount(StateLabel State, int Count);

    public sealed record Page(
        IReadOnlyList<Item> Items, string? NextCursor, IReadOnlyList<Unit> MyUnits, IReadOnlyList<ProcedureOption> Procedures,
        IReadOnlyList<StateCount> OpenCounts, IReadOnlyList<StateLabel> States)
    {
        /// <summary>Members of the person's units, to assign cases to (batch).</summary>
        public IReadOnlyList<GetCase.Colleague> Colleagues { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(q => q.Filter).SetValidator(new FilterValidator(l));
            RuleFor(q => q.Sort).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(q => q.After).Must((q, a) => a is null || Cursor.TryParse(a, q.Sort, out _)).WithMessage(_ => l["Queue.BadFilter"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, QueueOptions options, ViewCache cache) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var myUnits = await db.StaffMemberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .Join(db.OrganisationUnits, m => m.OrganisationUnitId, u => u.Id, (m, u) => new { u.Id, u.NameJa, u.NameEn, u.SortOrder })
                .OrderBy(u => u.SortOrder)
                .Select(u => new Unit(u.Id, u.NameJa, u.NameEn))
                .ToListAsync(cancellationToken);
            var reference = await cache.GetAsync("queue:reference", options.ReferenceCacheSeconds, () => QueueReferenceData.LoadAsync(db, cancellationToken));
            var workflows = reference.Workflows;
            var today = JapanTime.DateOf(clock.GetUtcNow());
            var visibleUnits = await db.VisibleUnitIdsAsync(userId, cancellationToken);
            var visible = db.CasesOfUnits(visibleUnits).AsNoTracking();
            var filtered = visible.ApplyExceptState(query.Filter, userId, today, calendar, options);
            var after = query.After is not null && Cursor.TryParse(query.After, query.Sort, out var c0) ? c0 : (Cursor?)null;
            var pageSize = Math.Clamp(options.PageSize, 1, 500);

            // One page of each selected state, read in index order from (unit, state, sort key,
            // receipt), then merged: PostgreSQL cannot read "state = ANY(…)" in order, and sorting
            // every open case of a large unit for one page cost more than the rest of the request.
            var nullsSortLast = db.Database.IsNpgsql();
            var pages = StatesOf(query.Filter, workflows)
                .Select(state => InQueueOrder(filtered.Where(c => c.Status == state), query.Sort, after, pageSize + 1, nullsSortLast))
                .Aggregate((IQueryable<Case>?)null, (all, one) => all is null ? one : all.Concat(one));
            var rows = pages is null ? [] : await InQueueOrder(pages, query.Sort, null, pageSize + 1, nullsSortLast)
                .Select(c => new
                {
                    c.Id,
                    c.ReceiptNumber,
                    c.ProcedureId,
                    c.OrganisationUnitId,
                    c.Status,
                    c.Channel,
                    c.SubmittedAt,
                    c.DueDate,
                    c.ApplicantName,
                    c.AssigneeUserId,
                    c.Version,
                    c.PaymentState,
                    AssigneeName = db.Users.Where(u => u.Id == c.AssigneeUserId).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            if (rows.Any(r => !reference.Units.ContainsKey(r.OrganisationUnitId) || !reference.Workflows.ByProcedure.ContainsKey(r.ProcedureId)))
            {
                // A procedure or unit newer than the cached names (published seconds ago): read them afresh rather than fail.
                reference = await QueueReferenceData.LoadAsync(db, cancellationToken);
                workflows = reference.Workflows;
            }

            string? next = null;
            if (rows.Count > pageSize)
            {
                rows.RemoveAt(pageSize);
                var last = rows[^1];
                next = new Cursor(last.SubmittedAt, last.DueDate ?? NoDueDate, last.ReceiptNumber).ToString(query.Sort);
            }

            var procedures = reference.Procedures;
            var procedureNames = procedures.ToDictionary(p => p.Id);
            var unitNames = reference.Units;

            var items = rows.Select(r =>
            {
                var workflow = workflows.ByProcedure.GetValueOrDefault(r.ProcedureId) ?? CaseWorkflow.Default;
                var (unitJa, unitEn) = unitNames[r.OrganisationUnitId];
                return new Item(r.Id, r.ReceiptNumber, procedureNames[r.ProcedureId].NameJa, procedureNames[r.ProcedureId].NameEn, unitJa, unitEn,
                    workflow.Label(r.Status), r.Channel, r.SubmittedAt, r.DueDate,
                    Sla.DueStateOf(workflow, r.Status, r.DueDate, today, calendar, options.DueSoonBusinessDays),
                    r.ApplicantName, r.AssigneeName, r.AssigneeUserId == userId, r.Version, r.PaymentState);
            }).ToList();

            // Counts of open cases per state for the chosen unit and procedure (index-backed, open cases only).
            var scope = visible;
            if (query.Filter.UnitId is { } unitId)
            {
                scope = scope.Where(c => c.OrganisationUnitId == unitId);
            }

            if (query.Filter.ProcedureId is { } procedureId)
            {
                scope = scope.Where(c => c.ProcedureId == procedureId);
            }

            var open = workflows.Open;
            var units = string.Join(',', visibleUnits.Order());
            var counts = await cache.GetAsync($"queue:counts:{units}:{query.Filter.UnitId}:{query.Filter.ProcedureId}", options.CountsCacheSeconds, async () =>
                (await scope.Where(c => open.Contains(c.Status)).GroupBy(c => c.Status)
                    .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
                .ToDictionary(x => x.Key, x => x.Count));
            var openCounts = open.Select(code => new StateCount(workflows.Label(code), counts.GetValueOrDefault(code)))
                .Where(s => s.Count > 0 || CaseStatus.IsBuiltIn(s.State.Code))
                .ToList();

            var unitIds = myUnits.Select(u => u.Id).ToList();
            var colleagues = await cache.GetAsync($"queue:colleagues:{string.Join(',', unitIds.Order())}", options.CountsCacheSeconds, () =>
                db.StaffMemberships.AsNoTracking().Where(m => unitIds.Contains(m.OrganisationUnitId))
                    .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName }).Distinct()
                    .OrderBy(u => u.DisplayName).Select(u => new GetCase.Colleague(u.Id, u.DisplayName)).ToListAsync(cancellationToken));
            return new Page(items, next, myUnits, procedures, openCounts, workflows.All) { Colleagues = colleagues };
        }
    }
}
