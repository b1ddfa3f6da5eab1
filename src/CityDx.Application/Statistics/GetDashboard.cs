using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Statistics;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Statistics;

/// <summary>
/// ダッシュボード: the KPIs of a period (JST dates) for analysts and admins (an affiliated body's admin:
/// its own procedures) and staff (their own units), optionally of one procedure, unit and channel.
/// Everything but the backlog is read from the roll-ups (<see cref="RefreshKpiRollups"/>), whose
/// refresh time the page shows; the backlog and "overdue now" are counted live from the open cases
/// through the <c>IX_cases_backlog</c> index. Each table is a chart's accessible alternative and
/// its CSV. The reads are <see cref="DashboardQueries"/>; the tables are built by <see cref="DashboardTableBuilder"/>.
/// </summary>
public static class GetDashboard
{
    public const int MaxMonths = 36;

    /// <summary>Age bands of the backlog, in business days since filing (upper bounds; the last is open).</summary>
    public static readonly int[] AgeBands = [5, 10, 20];

    /// <param name="From">The first month (any day of it; JST).</param>
    /// <param name="To">The last month (any day of it).</param>
    public sealed record Query(DateOnly? From = null, DateOnly? To = null, Guid? ProcedureId = null, Guid? UnitId = null, Channel? Channel = null) : IQuery<Dashboard>;

    public sealed record Option(Guid Id, string Name);

    public sealed record Tile(string Key, string Label, Cell Value);

    public sealed record Dashboard(
        DateOnly From, DateOnly To, DateTimeOffset? RefreshedAt, IReadOnlyList<Option> Procedures, IReadOnlyList<Option> Units,
        IReadOnlyList<Tile> Tiles, IReadOnlyList<DashboardTable> Tables)
    {
        public DashboardTable Table(string key) => Tables.Single(t => t.Key == key);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage(_ => l["Kpi.ToBeforeFrom"]);
            RuleFor(q => q.From).Must((q, from) => from!.Value.AddMonths(MaxMonths) > q.To!.Value)
                .When(q => q.From is not null && q.To is not null && q.To >= q.From).WithMessage(_ => l["Kpi.PeriodTooLong"]);
            RuleFor(q => q.Channel).IsInEnum();
        }
    }

    public sealed class Handler(
        CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, IStringLocalizer<SharedResource> l, ViewCache cache, StatisticsOptions options)
        : IQueryHandler<Query, Dashboard>
    {
        public async ValueTask<Dashboard> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var today = JapanTime.DateOf(clock.GetUtcNow());
            var queries = new DashboardQueries(db, calendar);
            var scope = await queries.ScopeAsync(user, userId, cancellationToken);
            var refreshedAt = await queries.RefreshedAtAsync(cancellationToken);

            // The same dashboard for everyone with this scope, filter and language until the roll-ups
            // are refreshed; the live parts (backlog, overdue now) at most DashboardCacheSeconds old.
            static string Ids(IReadOnlyList<Guid>? ids) => ids is null ? "all" : string.Join(',', ids.Order());
            var key = $"dashboard:{Ids(scope.Procedures)}:{Ids(scope.Units)}:{query}:{CultureInfo.CurrentUICulture.Name}:{user.PrefersEnglish}:{today}:{refreshedAt?.UtcTicks}";
            return await cache.GetAsync(key, options.DashboardCacheSeconds, async () =>
            {
                var to = FirstOfMonth(query.To ?? today);
                var from = FirstOfMonth(query.From ?? to.AddMonths(-11));
                var (data, procedures, units) = await queries.ReadAsync(query, scope, KpiMonth.MonthKey(from), KpiMonth.MonthKey(to), today, user.PrefersEnglish, cancellationToken);
                var (tables, tiles) = new DashboardTableBuilder(name => l[name], user.PrefersEnglish).Build(data);
                return new Dashboard(from, to, refreshedAt, procedures, units, tiles, tables);
            });
        }

        private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
    }
}
