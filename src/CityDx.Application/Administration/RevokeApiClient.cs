using CityDx.Application.Common;
using CityDx.Domain.Auditing;
using CityDx.Infrastructure.Persistence;
using Mediator;

namespace CityDx.Application.Administration;

/// <summary>API連携先の停止: the client is refused from its next request on. Not undone: register a new one. City admins only.</summary>
public static class RevokeApiClient
{
    public sealed record Command(Guid Id) : ICommand<bool?>, IAuditedChange
    {
        public string AuditAction => AuditActions.ApiClientRevoke;

        public string AuditDetail => $"client {Id:N}";
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, bool?>
    {
        public async ValueTask<bool?> Handle(Command command, CancellationToken cancellationToken)
        {
            var client = await db.ApiClientToManageAsync(user.RequireUserId(), command.Id, cancellationToken);
            if (client is { IsRevoked: false })
            {
                client.Revoke(clock.GetUtcNow());
            }

            return client is null ? null : true;
        }
    }
}
