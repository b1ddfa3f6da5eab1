using System.Reflection;
using CityDx.Domain.Auditing;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Common.Behaviours;

/// <summary>
/// Last before the handler, for audited requests (<see cref="IAuditedRequest"/>, or a request marked
/// <see cref="AuditedAttribute"/>): after the handler has run, one <see cref="AuditEntry"/> with the
/// sender, the action, the case and whether it was found — and, for a configuration change
/// (<see cref="IAuditedChange"/>, <see cref="AuditedAttribute.RecordsChanges"/>), the rows it changed
/// before → after (<see cref="AuditChanges"/>, also those the handler saved itself). Inside a
/// command's transaction the entry is saved and committed with the change (and rolled back with
/// it); a query has no transaction, so the entry is saved here. A request that fails (validation,
/// conflict) changed nothing and showed nothing, so it leaves no entry.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(CityDxDbContext db, ICurrentUser user, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly AuditedAttribute? Declared = typeof(TMessage).GetCustomAttribute<AuditedAttribute>();
    private static readonly bool Audited = Declared is not null || typeof(IAuditedRequest).IsAssignableFrom(typeof(TMessage));
    private static readonly bool RecordsChanges = Declared?.RecordsChanges == true || typeof(IAuditedChange).IsAssignableFrom(typeof(TMessage));
    private static readonly PropertyInfo? RequestCase = CaseIdProperty(typeof(TMessage));
    private static readonly PropertyInfo? ProcedureCode = typeof(TMessage).GetProperty("ProcedureCode", typeof(string)) ?? typeof(TMessage).GetProperty("Code", typeof(string));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!Audited)
        {
            return await next(message, cancellationToken);
        }

        var changes = RecordsChanges ? new AuditChanges() : null;
        void OnSaving(object? sender, SavingChangesEventArgs e) => changes!.Capture(db.ChangeTracker);
        if (changes is not null)
        {
            db.SavingChanges += OnSaving;
        }

        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
        }
        finally
        {
            if (changes is not null)
            {
                db.SavingChanges -= OnSaving;
            }
        }

        var action = message is IAuditedRequest audited ? audited.AuditAction : Declared!.Action;
        if (action is null || user.UserId is not { } actor)
        {
            return response;
        }

        changes?.Capture(db.ChangeTracker);
        var caseId = message switch
        {
            IAuditedCaseRequest about => about.CaseId,
            _ => (Guid?)RequestCase?.GetValue(message) ?? (response is null ? null : (Guid?)CaseIdProperty(response.GetType())?.GetValue(response)),
        };

        // Also for another unit's case: who tried to open it is what the log is for.
        var receiptNumber = caseId is { } id
            ? await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.ReceiptNumber).FirstOrDefaultAsync(cancellationToken)
            : null;
        var outcome = response is null ? AuditOutcome.NotFound : AuditOutcome.Ok;
        var detail = message is IAuditedRequest withDetail ? withDetail.AuditDetail : DetailOf(message);

        db.AuditLog.Add(new AuditEntry(clock.GetUtcNow(), actor, action, outcome, caseId, receiptNumber, detail) { Changes = changes?.ToJson() });
        if (db.Database.CurrentTransaction is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return response;
    }

    /// <summary>"dog-registration AddField": the procedure and the use case, never a value the request carries.</summary>
    private static string DetailOf(TMessage message)
    {
        var name = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name;
        return ProcedureCode?.GetValue(message) is string code ? $"{code} {name}" : name;
    }

    private static PropertyInfo? CaseIdProperty(Type type) =>
        type.GetProperty("CaseId") is { } p && (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)) ? p : null;
}
