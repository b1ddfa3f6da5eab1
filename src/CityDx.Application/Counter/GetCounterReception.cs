using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Counter;

/// <summary>
/// The counter details of a case filed by staff (窓口代行申請), for its 受付票 and for the case page.
/// Visible to staff of the unit that received it and of the unit the case is routed to; null (404)
/// for anyone else and for a case filed online.
/// </summary>
public static class GetCounterReception
{
    [Audited(Domain.Auditing.AuditActions.CounterReceptionRead)]
    public sealed record Query(Guid CaseId) : IQuery<Reception?>;

    public sealed record Reception(
        Guid CaseId,
        string ReceiptNumber,
        string ProcedureNameJa,
        string ProcedureNameEn,
        Channel Channel,
        DateTimeOffset FiledAt,
        DateOnly? DueDate,
        string ReceivingUnitNameJa,
        string ReceivingUnitNameEn,
        string CaseUnitNameJa,
        string CaseUnitNameEn,
        string FiledByName,
        IdentityCheck IdentityCheck,
        string? IdentityNote,
        bool OnAccount,
        VisitorDetails? Visitor,
        FeeLine Fee);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, Reception?>
    {
        public async ValueTask<Reception?> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var mine = db.StaffMemberships.Where(m => m.UserId == userId).Select(m => m.OrganisationUnitId);
            var found = await (
                    from rec in db.CounterReceptions
                    join c in db.Cases on rec.CaseId equals c.Id
                    where rec.CaseId == query.CaseId && (mine.Contains(rec.ReceivingUnitId) || mine.Contains(c.OrganisationUnitId))
                    select new { Reception = rec, c.ReceiptNumber, c.ProcedureId, c.OrganisationUnitId, c.DueDate, c.ApplicantUserId, c.FeeYen, c.PaymentState, c.PaymentReference })
                .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var r = found.Reception;
            var procedure = await db.Procedures.AsNoTracking().Where(p => p.Id == found.ProcedureId)
                .Select(p => new { p.NameJa, p.NameEn }).SingleAsync(cancellationToken);
            var units = await db.OrganisationUnits.AsNoTracking().Where(u => u.Id == r.ReceivingUnitId || u.Id == found.OrganisationUnitId)
                .ToDictionaryAsync(u => u.Id, cancellationToken);
            var filer = await db.Users.AsNoTracking().Where(u => u.Id == r.FiledByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
            return new Reception(
                r.CaseId, found.ReceiptNumber, procedure.NameJa, procedure.NameEn, r.Channel, r.FiledAt, found.DueDate,
                units[r.ReceivingUnitId].NameJa, units[r.ReceivingUnitId].NameEn, units[found.OrganisationUnitId].NameJa, units[found.OrganisationUnitId].NameEn,
                filer, r.IdentityCheck, r.IdentityNote, found.ApplicantUserId is not null, r.Visitor,
                new FeeLine(found.FeeYen, found.PaymentState, found.PaymentReference));
        }
    }
}
