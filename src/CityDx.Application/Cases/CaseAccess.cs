using CityDx.Domain.Cases;
using CityDx.Domain.Integration;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Cases;

/// <summary>
/// The row filter for staff: a case is visible only to members of the organisation unit it is
/// routed to. Every staff query starts here, so another ward's case is simply not found (404).
/// An integration client (its user id is <see cref="ApiClient.PrincipalId"/>) works through the
/// same use cases and sees the cases of the units it was registered for, while it is not revoked.
/// </summary>
public static class CaseAccess
{
    public static IQueryable<Case> VisibleToStaff(this CityDxDbContext db, string userId) =>
        ApiClient.IdOfPrincipal(userId) is { } clientId
            ? db.Cases.Where(c => db.ApiClientUnits.Any(u => u.ApiClientId == clientId && u.OrganisationUnitId == c.OrganisationUnitId
                && db.ApiClients.Any(k => k.Id == clientId && k.RevokedAt == null)))
            : db.Cases.Where(c => db.StaffMemberships.Any(m => m.UserId == userId && m.OrganisationUnitId == c.OrganisationUnitId));

    /// <summary>
    /// The units whose cases <see cref="VisibleToStaff"/> lets this person (or integration client)
    /// see, as values: a list filtered by them lets PostgreSQL walk the (unit, state, …) indexes
    /// instead of joining the memberships into every row (docs/performance.md).
    /// </summary>
    public static async Task<List<Guid>> VisibleUnitIdsAsync(this CityDxDbContext db, string userId, CancellationToken cancellationToken) =>
        ApiClient.IdOfPrincipal(userId) is { } clientId
            ? await db.ApiClientUnits.Where(u => u.ApiClientId == clientId && db.ApiClients.Any(k => k.Id == clientId && k.RevokedAt == null))
                .Select(u => u.OrganisationUnitId).ToListAsync(cancellationToken)
            : await db.StaffMemberships.Where(m => m.UserId == userId).Select(m => m.OrganisationUnitId).ToListAsync(cancellationToken);

    /// <summary>
    /// The cases of these units. One unit (most staff) is an equality, so PostgreSQL reads a
    /// (unit, state, sort key) index in order and stops after a page; a list is <c>= ANY(…)</c>, which
    /// PostgreSQL before 17 cannot read in order.
    /// </summary>
    public static IQueryable<Case> CasesOfUnits(this CityDxDbContext db, List<Guid> unitIds)
    {
        if (unitIds.Count == 1)
        {
            var only = unitIds[0];
            return db.Cases.Where(c => c.OrganisationUnitId == only);
        }

        return db.Cases.Where(c => unitIds.Contains(c.OrganisationUnitId));
    }

    public static IQueryable<Case> OwnedBy(this CityDxDbContext db, string userId) =>
        db.Cases.Where(c => c.ApplicantUserId == userId);
}
