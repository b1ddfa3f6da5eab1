using CityDx.Domain.Auditing;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Common.Behaviours;

/// <summary>
/// Last before the handler, for audited requests (<see cref="IAuditedRequest"/>): after the handler
/// has run, one <see cref="AuditEntry"/> with the sender, the action, the case and whether it was
/// found. Inside a command's transaction the entry is saved and committed with the change (and
/// rolled back with it); a query has no transaction, so the entry is saved here. A request that
/// fails (validation, conflict) changed nothing and showed nothing, so it leaves no entry.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(CityDxDbContext db, ICurrentUser user, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IAuditedRequest, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message.AuditAction is not { } action || user.UserId is not { } actor)
        {
            return response;
        }

        Guid? caseId = null;
        string? receiptNumber = null;
        if (message is IAuditedCaseRequest about)
        {
            caseId = about.CaseId;
            // Also for another unit's case: who tried to open it is what the log is for.
            receiptNumber = await db.Cases.AsNoTracking().Where(c => c.Id == about.CaseId).Select(c => c.ReceiptNumber).FirstOrDefaultAsync(cancellationToken);
        }

        var outcome = response is null ? AuditOutcome.NotFound : AuditOutcome.Ok;

        db.AuditLog.Add(new AuditEntry(clock.GetUtcNow(), actor, action, outcome, caseId, receiptNumber, message.AuditDetail));
        if (db.Database.CurrentTransaction is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return response;
    }
}
