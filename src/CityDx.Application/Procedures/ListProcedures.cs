using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Procedures;

/// <summary>
/// 手続きをさがす: the published procedures, browsed by category or life event and searched by a
/// partial match on names, descriptions and keywords after width/kana folding (so ｼﾞｭｳﾐﾝﾋｮｳ finds
/// 住民票 via its keywords). Serves the catalogue page and GET /api/v1/procedures.
/// </summary>
public static class ListProcedures
{
    public const int MaxQueryLength = 100;

    public sealed record Query(string? Category = null, string? LifeEvent = null, string? Search = null) : IQuery<IReadOnlyList<ProcedureSummary>>;

    public sealed record ProcedureSummary(
        string Code,
        string NameJa,
        string NameEn,
        string DescriptionJa,
        string DescriptionEn,
        string Category,
        IReadOnlyList<string> LifeEvents,
        int StandardProcessingDays);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Search).MaximumLength(MaxQueryLength);
            RuleFor(q => q.Category).MaximumLength(64);
            RuleFor(q => q.LifeEvent).MaximumLength(64).Must(e => e is null || !e.Contains(',', StringComparison.Ordinal));
        }
    }

    public sealed class Handler(CityDxDbContext db) : IQueryHandler<Query, IReadOnlyList<ProcedureSummary>>
    {
        public async ValueTask<IReadOnlyList<ProcedureSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var procedures = db.Procedures.AsNoTracking().Where(p => p.IsPublished);
            if (!string.IsNullOrWhiteSpace(query.Category))
            {
                procedures = procedures.Where(p => p.Category == query.Category);
            }

            if (!string.IsNullOrWhiteSpace(query.LifeEvent))
            {
                var wrapped = "%," + Escape(query.LifeEvent) + ",%";
                procedures = procedures.Where(p => EF.Functions.Like("," + p.LifeEvents + ",", wrapped, "\\"));
            }

            foreach (var term in SearchFolding.Fold(query.Search).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
            {
                var pattern = "%" + Escape(term) + "%";
                procedures = procedures.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\"));
            }

            var rows = await procedures
                .OrderBy(p => p.Category).ThenBy(p => p.Code)
                .Select(p => new { p.Code, p.NameJa, p.NameEn, p.DescriptionJa, p.DescriptionEn, p.Category, p.LifeEvents, p.StandardProcessingDays })
                .ToListAsync(cancellationToken);
            return rows.Select(p => new ProcedureSummary(p.Code, p.NameJa, p.NameEn, p.DescriptionJa, p.DescriptionEn, p.Category,
                p.LifeEvents.Split(',', StringSplitOptions.RemoveEmptyEntries), p.StandardProcessingDays)).ToList();
        }

        private static string Escape(string term) =>
            term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
    }
}
