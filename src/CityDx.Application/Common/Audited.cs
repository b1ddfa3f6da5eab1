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

/// <summary>
/// Declares that a request is audited, on the request itself, for requests whose entry needs no
/// code of their own: <c>[Audited(AuditActions.CounterFile)]</c>. The audit behaviour finds the
/// case from the request's <c>CaseId</c> property or, failing that, the response's (a filing
/// creates its case); the detail is the procedure code (a <c>Code</c> or <c>ProcedureCode</c>
/// property) and the request's name. With <see cref="RecordsChanges"/> the entry also holds what
/// the request changed in the database, before → after (<see cref="AuditChanges"/>): for
/// configuration only (procedures, forms, workflows, API clients), never for personal data.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAttribute(string action) : Attribute
{
    public string Action { get; } = action;

    public bool RecordsChanges { get; init; }
}

/// <summary>
/// An <see cref="IAuditedRequest"/> that changes configuration: its entry also records the
/// changed rows, before → after (<see cref="AuditChanges"/>). Never for personal data.
/// </summary>
public interface IAuditedChange : IAuditedRequest;
