using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Domain;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Applications;

/// <summary>
/// An issued document's bytes: for the applicant until its expiry date (JST) and for staff of the
/// case's unit (who keep it on record after that); nobody else (null → 404). Served as a download.
/// </summary>
public static class DownloadIssuedDocument
{
    public sealed record Query(Guid CaseId, Guid DocumentId, DownloadAttachment.Audience As) : IQuery<DownloadAttachment.File?>, IAuditedCaseRequest { public string? AuditAction => As == DownloadAttachment.Audience.Staff ? Domain.Auditing.AuditActions.CaseDownload : null; public string AuditDetail => $"issued document {DocumentId}"; }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IFileStore files, TimeProvider clock) : IQueryHandler<Query, DownloadAttachment.File?>
    {
        public async ValueTask<DownloadAttachment.File?> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var staff = query.As == DownloadAttachment.Audience.Staff;
            var cases = staff ? db.VisibleToStaff(userId) : db.OwnedBy(userId);
            var today = JapanTime.DateOf(clock.GetUtcNow());
            var document = await db.IssuedDocuments.AsNoTracking()
                .Where(d => d.Id == query.DocumentId && d.CaseId == query.CaseId && cases.Any(c => c.Id == d.CaseId))
                .Where(d => staff || d.ExpiresOn >= today)
                .Select(d => new { d.File.FileName, d.File.ContentType, d.File.StorageKey })
                .FirstOrDefaultAsync(cancellationToken);
            return document is null ? null : new DownloadAttachment.File(document.FileName, document.ContentType, () => files.OpenRead(document.StorageKey));
        }
    }
}
