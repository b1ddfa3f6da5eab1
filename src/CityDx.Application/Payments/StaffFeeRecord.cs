using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Payments;

/// <summary>What staff's fee records share: the case of one of their units at the version they saw, one domain change kept as a line.</summary>
internal static class StaffFeeRecord
{
    /// <summary>Null when the case is not one of the person's units' (404); a refused rule becomes a message on <paramref name="property"/>.</summary>
    public static async Task<bool?> RecordAsync(CityDxDbContext db, ICurrentUser user, Guid caseId, int expectedVersion, IStringLocalizer<SharedResource> l,
        string property, Func<Case, string, FeePayment> change, CancellationToken cancellationToken)
    {
        var userId = user.RequireUserId();
        var @case = await db.VisibleToStaff(userId).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        @case.ExpectVersion(expectedVersion, l);
        db.FeePayments.Add(Workflows.Run(() => change(@case, userId), l, property));
        return true;
    }
}
