namespace CityDx.Domain.Cases;

/// <summary>Actions a person can take on a case.</summary>
public enum CaseAction
{
    StartReview = 1,
    Approve = 2,
    Reject = 3,
    Withdraw = 4,

    /// <summary>補正依頼 (差し戻し): staff send the application back with the fields to correct and a reason.</summary>
    RequestCorrection = 5,

    /// <summary>The applicant sends the corrected answers back; review resumes.</summary>
    Resubmit = 6,
}

/// <summary>Who may take an action: the applicant, or staff of the case's unit.</summary>
public enum ActorKind
{
    Applicant = 1,
    Staff = 2,
}

public sealed record CaseTransition(CaseAction Action, CaseStatus From, CaseStatus To, ActorKind Actor, bool CommentRequired);

/// <summary>
/// The default workflow as data: which action leads from which state to which, and who may take it.
/// The staff case-processing work makes this configurable per procedure; every transition of a case
/// goes through <see cref="Find"/>, so there is one place that says what is allowed.
/// </summary>
public sealed class CaseWorkflow
{
    public static readonly CaseWorkflow Default = new(
    [
        new(CaseAction.StartReview, CaseStatus.Submitted, CaseStatus.UnderReview, ActorKind.Staff, false),
        new(CaseAction.Approve, CaseStatus.Submitted, CaseStatus.Approved, ActorKind.Staff, false),
        new(CaseAction.Approve, CaseStatus.UnderReview, CaseStatus.Approved, ActorKind.Staff, false),
        new(CaseAction.Reject, CaseStatus.Submitted, CaseStatus.Rejected, ActorKind.Staff, true),
        new(CaseAction.Reject, CaseStatus.UnderReview, CaseStatus.Rejected, ActorKind.Staff, true),
        new(CaseAction.Withdraw, CaseStatus.Submitted, CaseStatus.Withdrawn, ActorKind.Applicant, true),
        new(CaseAction.Withdraw, CaseStatus.UnderReview, CaseStatus.Withdrawn, ActorKind.Applicant, true),
        new(CaseAction.RequestCorrection, CaseStatus.Submitted, CaseStatus.AwaitingCorrection, ActorKind.Staff, true),
        new(CaseAction.RequestCorrection, CaseStatus.UnderReview, CaseStatus.AwaitingCorrection, ActorKind.Staff, true),
        new(CaseAction.Resubmit, CaseStatus.AwaitingCorrection, CaseStatus.UnderReview, ActorKind.Applicant, false),
        new(CaseAction.Withdraw, CaseStatus.AwaitingCorrection, CaseStatus.Withdrawn, ActorKind.Applicant, true),
    ]);

    private readonly IReadOnlyList<CaseTransition> _transitions;

    public CaseWorkflow(IReadOnlyList<CaseTransition> transitions)
    {
        _transitions = transitions;
    }

    public CaseTransition? Find(CaseStatus from, CaseAction action, ActorKind actor) =>
        _transitions.FirstOrDefault(t => t.From == from && t.Action == action && t.Actor == actor);

    public IEnumerable<CaseTransition> AvailableFrom(CaseStatus from, ActorKind actor) =>
        _transitions.Where(t => t.From == from && t.Actor == actor);
}
