using System.Globalization;
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
/// </summary>
public static class ListQueue
{
    public enum AssigneeFilter
    {
        Anyone = 0,
        Me = 1,
        Nobody = 2,
    }

    public enum DueFilter
    {
        Any = 0,
        Overdue = 1,

        /// <summary>Due within <see cref="Filter.DueWithinDays"/> business days (or the configured default), not yet overdue.</summary>
        DueSoon = 2,
    }

    public enum SortBy
    {
        Due = 0,
        Filed = 1,
    }

    /// <summary>What selects cases; empty means every open case of the person's units.</summary>
    public sealed record Filter(
        Guid? UnitId = null,
        Guid? ProcedureId = null,
        string? Status = null,
        AssigneeFilter Assignee = AssigneeFilter.Anyone,
        DueFilter Due = DueFilter.Any,
        int? DueWithinDays = null,
        DateOnly? FiledFrom = null,
        DateOnly? FiledTo = null,
        Channel? Channel = null,
        string? ReceiptNumber = null,
        string? Kana = null);

    /// <summary>Audited as a list read; the detail names the filter's non-personal parts only (never the フリガナ searched).</summary>
    public sealed record Query(Filter Filter, SortBy Sort = SortBy.Due, string? After = null) : IQuery<Page>, IAuditedRequest
    {
        public string AuditAction => Domain.Auditing.AuditActions.QueueList;

        public string AuditDetail => $"unit={Filter.UnitId} procedure={Filter.ProcedureId} status={Filter.Status} sort={Sort}";
    }

    public sealed record Item(
        Guid Id, string ReceiptNumber, string ProcedureNameJa, string ProcedureNameEn, string UnitNameJa, string UnitNameEn,
        StateLabel Status, Channel Channel, DateTimeOffset SubmittedAt, DateOnly? DueDate, Due DueState, string? ApplicantName,
        string? AssigneeName, bool AssignedToMe, int Version);

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

    public const int MaxDueWithinDays = 60;

    public sealed class FilterValidator : AbstractValidator<Filter>
    {
        public FilterValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.Status).Must(s => s is null || CaseWorkflow.IsValidCode(s)).WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Assignee).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Due).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Channel).IsInEnum().WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.DueWithinDays).InclusiveBetween(0, MaxDueWithinDays)
                .WithMessage(_ => l["Queue.DueWithinRange"].Value.Replace("{max}", MaxDueWithinDays.ToString(CultureInfo.CurrentCulture), StringComparison.Ordinal));
            RuleFor(f => f.FiledTo).GreaterThanOrEqualTo(f => f.FiledFrom).When(f => f.FiledFrom is not null && f.FiledTo is not null)
                .WithMessage(_ => l["Queue.DateRange"]);
            RuleFor(f => f.ReceiptNumber).MaximumLength(40).WithMessage(_ => l["Queue.BadFilter"]);
            RuleFor(f => f.Kana).MaximumLength(100).WithMessage(_ => l["Queue.BadFilter"]);
        }
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

    /// <summary>The workflows of every procedure: queues span procedures, and each names its own states.</summary>
    public sealed record Workflows(IReadOnlyDictionary<Guid, CaseWorkflow> ByProcedure)
    {
        public IReadOnlyList<string> Open => Distinct(w => w.OpenStates);

        public IReadOnlyList<string> Running => Distinct(w => w.States.Where(s => s.ClockRuns && !s.Terminal).Select(s => s.Code));

        public StateLabel Label(string code) =>
            ByProcedure.Values.Select(w => w.State(code) is not null ? w.Label(code) : null).FirstOrDefault(l => l is not null) ?? new StateLabel(code);

        public IReadOnlyList<StateLabel> All => Distinct(w => w.States.Select(s => s.Code)).Select(Label).ToList();

        private List<string> Distinct(Func<CaseWorkflow, IEnumerable<string>> pick)
        {
            var fromDefault = pick(CaseWorkflow.Default).ToList();
            var others = ByProcedure.Values.SelectMany(pick).Where(c => !fromDefault.Contains(c)).Distinct().Order(StringComparer.Ordinal);
            return [.. fromDefault, .. others];
        }

        public static async Task<Workflows> LoadAsync(CityDxDbContext db, CancellationToken cancellationToken)
        {
            var rows = await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.WorkflowJson }).ToListAsync(cancellationToken);
            return new Workflows(rows.ToDictionary(r => r.Id, r => CaseWorkflow.FromJson(r.WorkflowJson)));
        }
    }

    /// <summary>Procedures (by code) with their workflows, and units, as a queue names them; kept briefly (<see cref="ViewCache"/>).</summary>
    public sealed record ReferenceData(Workflows Workflows, IReadOnlyList<ProcedureOption> Procedures, IReadOnlyDictionary<Guid, (string NameJa, string NameEn)> Units)
    {
        public static async Task<ReferenceData> LoadAsync(CityDxDbContext db, CancellationToken cancellationToken)
        {
            var procedures = await db.Procedures.AsNoTracking().OrderBy(p => p.Code)
                .Select(p => new { p.Id, p.NameJa, p.NameEn, p.WorkflowJson }).ToListAsync(cancellationToken);
            var units = await db.OrganisationUnits.AsNoTracking().Select(u => new { u.Id, u.NameJa, u.NameEn }).ToListAsync(cancellationToken);
            return new ReferenceData(
                new Workflows(procedures.ToDictionary(p => p.Id, p => CaseWorkflow.FromJson(p.WorkflowJson))),
                procedures.Select(p => new ProcedureOption(p.Id, p.NameJa, p.NameEn)).ToList(),
                units.ToDictionary(u => u.Id, u => (u.NameJa, u.NameEn)));
        }
    }

    /// <summary>The cases a filter selects among those visible to the person (every staff query starts from <see cref="CaseAccess"/>).</summary>
    public static IQueryable<Case> Apply(this IQueryable<Case> cases, Filter filter, string userId, Workflows workflows, DateOnly today, BusinessCalendar calendar, QueueOptions options)
    {
        var states = StatesOf(filter, workflows);
        cases = states.Count == 1 ? cases.Where(c => c.Status == states[0]) : cases.Where(c => states.Contains(c.Status));
        return cases.ApplyExceptState(filter, userId, today, calendar, options);
    }

    /// <summary>The states a filter selects: the chosen one or every open one, only those whose clock runs when filtering by due date.</summary>
    public static IReadOnlyList<string> StatesOf(Filter filter, Workflows workflows)
    {
        IEnumerable<string> states = filter.Status is { } status ? [status] : workflows.Open;
        if (filter.Due != DueFilter.Any)
        {
            var running = workflows.Running;
            states = states.Where(running.Contains);
        }

        return states.ToList();
    }

    /// <summary>Everything of <see cref="Apply"/> but the state (<see cref="StatesOf"/>), which the list applies one state at a time.</summary>
    private static IQueryable<Case> ApplyExceptState(this IQueryable<Case> cases, Filter filter, string userId, DateOnly today, BusinessCalendar calendar, QueueOptions options)
    {
        if (filter.UnitId is { } unitId)
        {
            cases = cases.Where(c => c.OrganisationUnitId == unitId);
        }

        if (filter.ProcedureId is { } procedureId)
        {
            cases = cases.Where(c => c.ProcedureId == procedureId);
        }

        cases = filter.Assignee switch
        {
            AssigneeFilter.Me => cases.Where(c => c.AssigneeUserId == userId),
            AssigneeFilter.Nobody => cases.Where(c => c.AssigneeUserId == null),
            _ => cases,
        };

        if (filter.Due != DueFilter.Any)
        {
            if (filter.Due == DueFilter.Overdue)
            {
                cases = cases.Where(c => c.DueDate < today);
            }
            else
            {
                var limit = Sla.DueSoonLimit(today, calendar, filter.DueWithinDays ?? options.DueSoonBusinessDays);
                cases = cases.Where(c => c.DueDate >= today && c.DueDate <= limit);
            }
        }

        if (filter.FiledFrom is { } from)
        {
            var start = JstMidnight(from);
            cases = cases.Where(c => c.SubmittedAt >= start);
        }

        if (filter.FiledTo is { } to)
        {
            var end = JstMidnight(to.AddDays(1));
            cases = cases.Where(c => c.SubmittedAt < end);
        }

        if (filter.Channel is { } channel)
        {
            cases = cases.Where(c => c.Channel == channel);
        }

        if (!string.IsNullOrWhiteSpace(filter.ReceiptNumber))
        {
            // A mistyped number finds nothing rather than everything.
            var receipt = Domain.Cases.ReceiptNumber.TryNormalize(filter.ReceiptNumber, out var canonical) ? canonical : "-";
            cases = cases.Where(c => c.ReceiptNumber == receipt);
        }

        var kana = KanaKey(filter.Kana);
        if (kana.Length > 0)
        {
            cases = cases.Where(c => c.NameSearchKey != null && c.NameSearchKey.Contains(kana));
        }

        return cases;
    }

    /// <summary>フリガナ as typed (hiragana or katakana, full or half width, with or without spaces) folded like the stored key.</summary>
    public static string KanaKey(string? kana) =>
        string.IsNullOrWhiteSpace(kana) ? "" : SearchFolding.Fold(kana).Replace(" ", "", StringComparison.Ordinal);

    // In UTC: Npgsql writes only UTC offsets to timestamptz.
    private static DateTimeOffset JstMidnight(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).ToUniversalTime();

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
            var reference = await cache.GetAsync("queue:reference", options.ReferenceCacheSeconds, () => ReferenceData.LoadAsync(db, cancellationToken));
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
                    c.Id, c.ReceiptNumber, c.ProcedureId, c.OrganisationUnitId, c.Status, c.Channel, c.SubmittedAt, c.DueDate,
                    c.ApplicantName, c.AssigneeUserId, c.Version,
                    AssigneeName = db.Users.Where(u => u.Id == c.AssigneeUserId).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            if (rows.Any(r => !reference.Units.ContainsKey(r.OrganisationUnitId) || !reference.Workflows.ByProcedure.ContainsKey(r.ProcedureId)))
            {
                // A procedure or unit newer than the cached names (published seconds ago): read them afresh rather than fail.
                reference = await ReferenceData.LoadAsync(db, cancellationToken);
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
                    r.ApplicantName, r.AssigneeName, r.AssigneeUserId == userId, r.Version);
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

    /// <summary>
    /// Cases in queue order after the cursor, at most <paramref name="take"/>. Cases without a due
    /// date come last. On PostgreSQL that is a plain ORDER BY "DueDate" (NULLS LAST is its default
    /// for ascending order), which an index on the column reads in order; SQLite puts NULLs first,
    /// so there the order says it.
    /// </summary>
    private static IQueryable<Case> InQueueOrder(IQueryable<Case> cases, SortBy sort, Cursor? after, int take, bool nullsSortLast)
    {
        if (sort == SortBy.Filed)
        {
            if (after is { } a)
            {
                // The first condition says nothing new, but it is one the index can start from: without
                // it PostgreSQL read a deep page by filtering every case from the start of the range.
                cases = cases.Where(c => c.SubmittedAt >= a.Filed)
                    .Where(c => c.SubmittedAt > a.Filed || (c.SubmittedAt == a.Filed && string.Compare(c.ReceiptNumber, a.ReceiptNumber) > 0));
            }

            return cases.OrderBy(c => c.SubmittedAt).ThenBy(c => c.ReceiptNumber).Take(take);
        }

        if (after is { } d)
        {
            var receipt = d.ReceiptNumber;
            if (d.Due == NoDueDate)
            {
                cases = cases.Where(c => c.DueDate == null && string.Compare(c.ReceiptNumber, receipt) > 0);
            }
            else
            {
                var due = d.Due;
                cases = cases.Where(c => c.DueDate > due || c.DueDate == null || (c.DueDate == due && string.Compare(c.ReceiptNumber, receipt) > 0));
            }
        }

        var ordered = nullsSortLast ? cases.OrderBy(c => c.DueDate) : cases.OrderBy(c => c.DueDate == null).ThenBy(c => c.DueDate);
        return ordered.ThenBy(c => c.ReceiptNumber).Take(take);
    }

    /// <summary>Stands for "no due date" in a cursor: after every date.</summary>
    private static readonly DateOnly NoDueDate = DateOnly.MaxValue;

    /// <summary>Opaque position in the queue: the last row's sort key and receipt number.</summary>
    public readonly record struct Cursor(DateTimeOffset Filed, DateOnly Due, string ReceiptNumber)
    {
        public string ToString(SortBy sort) => sort == SortBy.Filed
            ? $"f{Filed.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{ReceiptNumber}"
            : $"d{Due.DayNumber.ToString(CultureInfo.InvariantCulture)}_{ReceiptNumber}";

        public static bool TryParse(string value, SortBy sort, out Cursor cursor)
        {
            cursor = default;
            var parts = value.Split('_');
            if (parts.Length != 2 || parts[0].Length < 2 || parts[0][0] != (sort == SortBy.Filed ? 'f' : 'd')
                || !long.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !Domain.Cases.ReceiptNumber.IsValid(parts[1]))
            {
                return false;
            }

            if (sort == SortBy.Filed)
            {
                if (number < DateTimeOffset.MinValue.UtcTicks || number > DateTimeOffset.MaxValue.UtcTicks)
                {
                    return false;
                }

                cursor = new Cursor(new DateTimeOffset(number, TimeSpan.Zero), default, parts[1]);
                return true;
            }

            if (number > DateOnly.MaxValue.DayNumber)
            {
                return false;
            }

            cursor = new Cursor(default, DateOnly.FromDayNumber((int)number), parts[1]);
            return true;
        }
    }
}
