using CityDx.Application.Common;
using CityDx.Domain.Auditing;
using CityDx.Infrastructure.Persistence;
using Mediator;

namespace CityDx.Application.Administration;

/// <summary>
/// シークレットの再発行: a new secret for a client (shown once); the old one stops working at once.
/// Null for an unknown or revoked client, or for anyone but a city admin.
/// </summary>
public static class RotateApiClientSecret
{
    public sealed record Command(Guid Id) : ICommand<string?>, IAuditedChange
    {
        public string AuditAction => AuditActions.ApiClientRotate;

        public string AuditDetail => $"client {Id:N}";
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, string?>
    {
        public async ValueTask<string?> Handle(Command command, CancellationToken cancellationToken)
        {
            var client = await db.ApiClientToManageAsync(user.RequireUserId(), command.Id, cancellationToken);
            return client is { IsRevoked: false } ? client.RotateSecret(clock.GetUtcNow()) : null;
        }
    }
}
