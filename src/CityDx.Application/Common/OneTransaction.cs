using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Common;

/// <summary>
/// Runs work as one database transaction through the provider's execution strategy, so a transient
/// failure (a dropped PostgreSQL connection) retries the whole unit of work instead of leaving half
/// of it; the change tracker is cleared before a retry so the work starts from the database's state.
/// Commands sent inside join the transaction (<see cref="Behaviours.TransactionBehaviour{TMessage, TResponse}"/>).
/// </summary>
public static class OneTransaction
{
    public static async Task<T> RunAsync<T>(CityDxDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var attempt = 0;
        return await strategy.ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                db.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
