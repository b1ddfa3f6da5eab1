using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Cases;

/// <summary>
/// A case as a person may see it: the case with its history, its procedure, the form version its
/// answers are pinned to, the unit it is with and its attachments (oldest first). Loaded the same
/// way for the staff's case page and the applicant's application and correction pages; which cases
/// the person may see is the query it is loaded from (<see cref="CaseAccess"/>).
/// </summary>
public sealed record CaseView(Case Case, Procedure Procedure, FormVersion Version, OrganisationUnit Unit, IReadOnlyList<AttachmentLine> Attachments)
{
    /// <summary>Attachment id → file name, for answers that name files.</summary>
    public IReadOnlyDictionary<Guid, string> FileNames { get; } = Attachments.ToDictionary(a => a.Id, a => a.FileName);

    /// <summary>The answers as filed, rendered against the pinned form version.</summary>
    public IReadOnlyList<AnsweredField> Answers => AnsweredField.From(Version.Definition, Case.Answers, FileNames);

    /// <summary>The case with this id among <paramref name="visible"/>, or null (not there, or not this person's to see).</summary>
    public static async Task<CaseView?> LoadAsync(CityDxDbContext db, IQueryable<Case> visible, Guid id, CancellationToken cancellationToken)
    {
        var @case = await visible.AsNoTracking().Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == @case.ProcedureId, cancellationToken);
        var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == @case.FormVersionId, cancellationToken);
        var unit = await db.OrganisationUnits.AsNoTracking().SingleAsync(u => u.Id == @case.OrganisationUnitId, cancellationToken);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.CaseId == @case.Id).OrderBy(a => a.UploadedAt)
            .Select(a => new AttachmentLine(a.Id, a.FieldKey, a.File.FileName, a.File.Size)).ToListAsync(cancellationToken);
        return new CaseView(@case, procedure, version, unit, attachments);
    }
}
