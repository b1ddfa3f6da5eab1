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
/// Queries run without a transaction. A lost optimistic-concurrency race becomes a
/// <see cref="ConflictException"/> with a message for the person.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(CityDxDbContext db, IStringLocalizer<SharedResource> l)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var attempt = 0;
        try
        {
            return await strategy.ExecuteAsync(async ct =>
        {
                if (attempt++ > 0)
                {
                    db.ChangeTracker.Clear();
                }

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var response = await next(message, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return response;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(l["Case.Conflict"]);
        }
    }
}
