using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Administration;

/// <summary>
/// Which procedures an admin may configure: a city admin (no unit membership) all of them; an
/// admin of an affiliated body or bureau (member of that unit) only the procedures it owns.
/// </summary>
public static class AdminScope
{
    /// <summary>The units whose procedures this admin may edit, or null for every unit.</summary>
    public static async Task<IReadOnlyList<Guid>?> UnitsOfAsync(this CityDxDbContext db, string userId, CancellationToken cancellationToken)
    {
        var units = await db.StaffMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.OrganisationUnitId).ToListAsync(cancellationToken);
        return units.Count == 0 ? null : units;
    }

    /// <summary>City-wide settings (the audit log, integration clients) are for city admins, who belong to no unit.</summary>
    public static async Task<bool> IsCityAdminAsync(this CityDxDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.UnitsOfAsync(userId, cancellationToken) is null;

    /// <summary>An integration client for a city admin to change (tracked), or null for anyone else or an unknown id.</summary>
    public static async Task<Domain.Integration.ApiClient?> ApiClientToManageAsync(this CityDxDbContext db, string userId, Guid clientId, CancellationToken cancellationToken) =>
        await db.IsCityAdminAsync(userId, cancellationToken) ? await db.ApiClients.FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken) : null;

    public static IQueryable<Domain.Procedures.Procedure> ManageableBy(this IQueryable<Domain.Procedures.Procedure> procedures, IReadOnlyList<Guid>? units) =>
        units is null ? procedures : procedures.Where(p => units.Contains(p.OwningUnitId));
}
