using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Auditing;
using CityDx.Domain.Integration;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Administration;

/// <summary>
/// 監査ログ: who read or changed which case and when, newest first; by receipt number, actor (an
/// account's email or a client's name), action and a range of JST dates. Keyset pagination on
/// (at, id), each filter backed by an index: no OFFSET, no COUNT. City admins only (null otherwise).
/// </summary>
public static class SearchAuditLog
{
    public const int PageSize = 50;

    public sealed record Query(string? ReceiptNumber = null, string? Actor = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, string? After = null)
        : IQuery<Page?>;

    public sealed record Item(long Id, DateTimeOffset At, string Actor, AuditActorKind ActorKind, string Action, Guid? CaseId, string? ReceiptNumber, AuditOutcome Outcome, string? Detail);

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(q => q.ReceiptNumber).MaximumLength(16).WithMessage(_ => l["Audit.ReceiptNumberInvalid"]);
            RuleFor(q => q.Actor).MaximumLength(256).WithMessage(_ => l["Audit.ActorInvalid"]);
            RuleFor(q => q.Action).Must(a => a is null || AuditActions.All.Contains(a)).WithMessage(_ => l["Audit.ActionInvalid"]);
            RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || q.From <= to).WithMessage(_ => l["Audit.DateRangeInvalid"]);
            RuleFor(q => q.After).Must(a => a is null || Cursor.TryParse(a, out _));
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, Page?>
    {
        public async ValueTask<Page?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.IsCityAdminAsync(user.RequireUserId(), cancellationToken))
            {
                return null;
            }

            var entries = db.AuditLog.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.ReceiptNumber))
            {
                var receipt = query.ReceiptNumber.Trim().ToUpperInvariant();
                entries = entries.Where(e => e.ReceiptNumber == receipt);
            }

            if (!string.IsNullOrWhiteSpace(query.Actor))
            {
                var actors = await ActorIdsAsync(query.Actor.Trim(), cancellationToken);
                // One actor (the usual case) as an equality: PostgreSQL walks the (actor, at, id) index for
                // "= $1" but not for "= ANY($1)" (measured: 0.5 ms against 500 ms for a rare actor in 1M rows).
                var single = actors.Count == 1 ? actors[0] : null;
                entries = single is not null ? entries.Where(e => e.ActorId == single) : entries.Where(e => actors.Contains(e.ActorId));
            }

            if (query.Action is { } action)
            {
                entries = entries.Where(e => e.Action == action);
            }

            if (query.From is { } from)
            {
                var start = StartOf(from);
                entries = entries.Where(e => e.At >= start);
            }

            if (query.To is { } to)
            {
                var end = StartOf(to.AddDays(1));
                entries = entries.Where(e => e.At < end);
            }

            if (query.After is not null && Cursor.TryParse(query.After, out var after))
            {
                entries = entries.Where(e => e.At < after.At || (e.At == after.At && e.Id < after.Id));
            }

            var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
            string? next = null;
            if (rows.Count > PageSize)
            {
                rows.RemoveAt(PageSize);
                next = new Cursor(rows[^1].At, rows[^1].Id).ToString();
            }

            var names = await ActorNamesAsync(rows.Select(r => r.ActorId).Distinct().ToList(), cancellationToken);
            return new Page(
                rows.Select(r => new Item(r.Id, r.At, names.GetValueOrDefault(r.ActorId, r.ActorId), r.ActorKind, r.Action, r.CaseId, r.ReceiptNumber, r.Outcome, r.Detail)).ToList(),
                next);
        }

        /// <summary>An email names accounts; anything else names integration clients.</summary>
        private async Task<List<string>> ActorIdsAsync(string actor, CancellationToken cancellationToken)
        {
            if (actor.Contains('@', StringComparison.Ordinal))
            {
                var email = actor.ToUpperInvariant();
                return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email).Select(u => u.Id).ToListAsync(cancellationToken);
            }

            var clients = await db.ApiClients.AsNoTracking().Where(c => c.Name == actor).Select(c => c.Id).ToListAsync(cancellationToken);
            return clients.Select(id => ApiClient.PrincipalPrefix + id.ToString("N")).ToList();
        }

        /// <summary>Emails of accounts and names of clients, for the page's actor column.</summary>
        private async Task<Dictionary<string, string>> ActorNamesAsync(List<string> actorIds, CancellationToken cancellationToken)
        {
            var users = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
            var clientIds = actorIds.Select(ApiClient.IdOfPrincipal).OfType<Guid>().ToList();
            var clients = await db.ApiClients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
            return users.Select(u => (u.Id, Name: u.Email ?? u.Id))
                .Concat(clients.Select(c => (Id: ApiClient.PrincipalPrefix + c.Id.ToString("N"), c.Name)))
                .ToDictionary(x => x.Item1, x => x.Name);
        }

        /// <summary>00:00 JST of the date, as UTC (PostgreSQL stores instants in UTC and takes only those).</summary>
        private static DateTimeOffset StartOf(DateOnly jstDate) => new DateTimeOffset(jstDate.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).ToUniversalTime();
    }

    /// <summary>Opaque position: the last row's time and id.</summary>
    public readonly record struct Cursor(DateTimeOffset At, long Id)
    {
        public override string ToString() => $"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{Id.ToString(CultureInfo.InvariantCulture)}";

        public static bool TryParse(string value, out Cursor cursor)
        {
            cursor = default;
            var parts = value.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }

            cursor = new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
    }
}
