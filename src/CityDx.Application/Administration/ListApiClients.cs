using CityDx.Application.Common;
using CityDx.Domain.Integration;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Administration;

/// <summary>API連携先: the integration clients, newest first, with their scopes and units. City admins only (null otherwise).</summary>
public static class ListApiClients
{
    public sealed record Query : IQuery<IReadOnlyList<Item>?>;

    public sealed record Item(Guid Id, string Name, ApiScopes Scopes, IReadOnlyList<(string NameJa, string NameEn)> Units, DateTimeOffset CreatedAt, DateTimeOffset? SecretRotatedAt, DateTimeOffset? RevokedAt);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Item>?>
    {
        public async ValueTask<IReadOnlyList<Item>?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.IsCityAdminAsync(user.RequireUserId(), cancellationToken))
            {
                return null;
            }

            var clients = await db.ApiClients.AsNoTracking().Include(c => c.Units).OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
            var units = await db.OrganisationUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.NameJa, u.NameEn), cancellationToken);
            return clients.Select(c => new Item(c.Id, c.Name, c.Scopes, c.Units.Select(u => units[u.OrganisationUnitId]).ToList(), c.CreatedAt, c.SecretRotatedAt, c.RevokedAt)).ToList();
        }
    }
}
