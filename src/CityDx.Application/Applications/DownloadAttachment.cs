using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Applications;

/// <summary>
/// An attachment's bytes, for the applicant who filed the case or for staff of the unit it is
/// routed to; nobody else (null → 404). Served as a download, never inline.
/// </summary>
public static class DownloadAttachment
{
    public enum Audience
    {
        Applicant = 1,
        Staff = 2,
    }

    public sealed record Query(Guid CaseId, Guid AttachmentId, Audience As) : IQuery<File?>, IAuditedCaseRequest { public string? AuditAction => As == Audience.Staff ? Domain.Auditing.AuditActions.CaseDownload : null; public string AuditDetail => $"attachment {AttachmentId}"; }

    public sealed record File(string FileName, string ContentType, Func<Stream> OpenRead);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IFileStore files) : IQueryHandler<Query, File?>
    {
        public async ValueTask<File?> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var cases = query.As == Audience.Staff ? db.VisibleToStaff(userId) : db.OwnedBy(userId);
            var attachment = await db.Attachments.AsNoTracking()
                .Where(a => a.Id == query.AttachmentId && a.CaseId == query.CaseId && cases.Any(c => c.Id == a.CaseId))
                .Select(a => new { a.File.FileName, a.File.ContentType, a.File.StorageKey })
                .FirstOrDefaultAsync(cancellationToken);
            return attachment is null ? null : new File(attachment.FileName, attachment.ContentType, () => files.OpenRead(attachment.StorageKey));
        }
    }
}
