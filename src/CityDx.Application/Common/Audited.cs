namespace CityDx.Application.Common;

/// <summary>
/// A request the audit log records (監査ログ): <see cref="Behaviours.AuditBehaviour{TMessage,TResponse}"/>
/// writes one entry per request with the sender as actor. A null <see cref="AuditAction"/> means
/// "not this time" (a citizen downloading their own attachment).
/// </summary>
public interface IAuditedRequest
{
    /// <summary>One of <see cref="Domain.Auditing.AuditActions"/>, or null for none.</summary>
    string? AuditAction { get; }

    /// <summary>A short, non-personal detail (an action name, a filter); never a comment or an answer.</summary>
    string? AuditDetail => null;
}

/// <summary>
/// A request about one case. A null response (the case is unknown or another unit's: 404) is
/// recorded with the outcome "not found".
/// </summary>
public interface IAuditedCaseRequest : IAuditedRequest
{
    Guid CaseId { get; }
}
