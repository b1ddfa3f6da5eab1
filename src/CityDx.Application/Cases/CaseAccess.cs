using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;

namespace CityDx.Application.Cases;

/// <summary>
/// The row filter for staff: a case is visible only to members of the organisation unit it is
/// routed to. Every staff query starts here, so another ward's case is simply not found (404).
/// </summary>
public static class CaseAccess
{
    public static IQueryable<Case> VisibleToStaff(this CityDxDbContext db, string userId) =>
        db.Cases.Where(c => db.StaffMemberships.Any(m => m.UserId == userId && m.OrganisationUnitId == c.OrganisationUnitId));

    public static IQueryable<Case> OwnedBy(this CityDxDbContext db, string userId) =>
        db.Cases.Where(c => c.ApplicantUserId == userId);
}
