using CityDx.Application.Resources;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Common.Behaviours;

/// <summary>
/// Last before the handler, for commands only: one database transaction per command, run through
/// the provider's execution strategy so a transient failure (a dropped PostgreSQL connection)
/// retries the whole unit of work instead of leaving half of it. The change tracker is cleared
/// before a retry so the handler starts from the database's state, not from a failed attempt.
/// A command sent inside a larger unit of work (<see cref="OneTransaction"/>) joins it.
/// Queries run without a transaction. A lost optimistic-concurrency race becomes a
/// <see cref="ConflictException"/> with a message for the person.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(CityDxDbContext db, IStringLocalizer<SharedResource> l)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            if (db.Database.CurrentTransaction is not null)
            {
                // Sent inside a larger unit of work (OneTransaction): its changes are saved here and
                // committed, or rolled back, with the rest.
                var response = await next(message, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return response;
            }

            return await OneTransaction.RunAsync(db, async ct => await next(message, ct), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(l["Case.Conflict"]);
        }
    }
}
