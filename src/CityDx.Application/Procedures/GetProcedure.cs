using CityDx.Domain.Forms;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Procedures;

/// <summary>
/// One published procedure with its current form: the detail page, the apply page and
/// GET /api/v1/procedures/{code}. Null when there is no such published procedure.
/// </summary>
public static class GetProcedure
{
    public sealed record Query(string Code) : IQuery<ProcedureDetail?>;

    public sealed record UnitChoice(Guid Id, string NameJa, string NameEn);

    public sealed record ProcedureDetail(
        string Code,
        string NameJa,
        string NameEn,
        string DescriptionJa,
        string DescriptionEn,
        string Category,
        IReadOnlyList<string> LifeEvents,
        string EligibilityJa,
        string EligibilityEn,
        IReadOnlyList<string> RequiredDocumentsJa,
        IReadOnlyList<string> RequiredDocumentsEn,
        int? FeeYen,
        FeeTiming FeeTiming,
        ChannelSet Channels,
        int StandardProcessingDays,
        Routing Routing,
        UnitChoice HandledBy,
        int FormVersion,
        IReadOnlyList<FormField> Fields,
        IReadOnlyList<UnitChoice> Wards,
        IReadOnlyList<FormStep> Steps,
        ProxyPolicy Proxy);

    public sealed class Handler(CityDxDbContext db) : IQueryHandler<Query, ProcedureDetail?>
    {
        public async ValueTask<ProcedureDetail?> Handle(Query query, CancellationToken cancellationToken)
        {
            var procedure = await db.Procedures.AsNoTracking()
                .FirstOrDefaultAsync(p => p.Code == query.Code && p.IsPublished, cancellationToken);
            if (procedure?.CurrentFormVersionId is not { } versionId)
            {
                return null;
            }

            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
            var wards = procedure.Routing == Routing.ChosenWard
                ? await db.OrganisationUnits.AsNoTracking()
                    .Where(u => u.Kind == OrganisationUnitKind.WardOffice)
                    .OrderBy(u => u.SortOrder)
                    .Select(u => new UnitChoice(u.Id, u.NameJa, u.NameEn))
                    .ToListAsync(cancellationToken)
                : [];
            var handledBy = await HandlingUnit(procedure, cancellationToken);

            return new ProcedureDetail(
                procedure.Code, procedure.NameJa, procedure.NameEn, procedure.DescriptionJa, procedure.DescriptionEn,
                procedure.Category, procedure.LifeEventList, procedure.EligibilityJa, procedure.EligibilityEn,
                Lines(procedure.RequiredDocumentsJa), Lines(procedure.RequiredDocumentsEn),
                procedure.FeeYen, procedure.FeeTiming, procedure.Channels, procedure.StandardProcessingDays, procedure.Routing,
                handledBy, version.VersionNumber, version.Definition.Fields, wards, version.Definition.Steps, procedure.Proxy);
        }

        private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        private async Task<UnitChoice> HandlingUnit(Procedure procedure, CancellationToken cancellationToken)
        {
            var units = db.OrganisationUnits.AsNoTracking();
            units = procedure.Routing switch
            {
                Routing.CentralProcessingCentre => units.Where(u => u.Kind == OrganisationUnitKind.CentralProcessingCentre),
                Routing.ChosenWard => units.Where(u => u.Kind == OrganisationUnitKind.Municipality),
                _ => units.Where(u => u.Id == procedure.OwningUnitId),
            };
            return await units.Select(u => new UnitChoice(u.Id, u.NameJa, u.NameEn)).FirstAsync(cancellationToken);
        }
    }
}
