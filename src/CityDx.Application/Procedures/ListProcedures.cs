using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Procedures;

/// <summary>手続きをさがす: the published procedures, for the catalogue page and GET /api/v1/procedures.</summary>
public static class ListProcedures
{
    public sealed record Query(string? Category = null) : IQuery<IReadOnlyList<ProcedureSummary>>;

    public sealed record ProcedureSummary(
        string Code,
        string NameJa,
        string NameEn,
        string DescriptionJa,
        string DescriptionEn,
        string Category,
        int StandardProcessingDays);

    public sealed class Handler(CityDxDbContext db) : IQueryHandler<Query, IReadOnlyList<ProcedureSummary>>
    {
        public async ValueTask<IReadOnlyList<ProcedureSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var procedures = db.Procedures.AsNoTracking().Where(p => p.IsPublished);
            if (!string.IsNullOrWhiteSpace(query.Category))
            {
                procedures = procedures.Where(p => p.Category == query.Category);
            }

            return await procedures
                .OrderBy(p => p.Category).ThenBy(p => p.Code)
                .Select(p => new ProcedureSummary(p.Code, p.NameJa, p.NameEn, p.DescriptionJa, p.DescriptionEn, p.Category, p.StandardProcessingDays))
                .ToListAsync(cancellationToken);
        }
    }
}
