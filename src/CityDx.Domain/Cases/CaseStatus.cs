namespace CityDx.Domain.Cases;

/// <summary>
/// Codes of the states of the default workflow (glossary: Applications and cases). A procedure's
/// workflow may add states of its own, so a case's status is a code, not an enum; these constants
/// name the ones the portal's own features rely on (correction, withdrawal, approval).
/// </summary>
public static class CaseStatus
{
    public const string Submitted = "Submitted";
    public const string UnderReview = "UnderReview";
    public const string AwaitingCorrection = "AwaitingCorrection";
    public const string AwaitingApproval = "AwaitingApproval";
    public const string Approved = "Approved";
    public const string Completed = "Completed";
    public const string Rejected = "Rejected";
    public const string Withdrawn = "Withdrawn";

    public static readonly IReadOnlyList<string> BuiltIn =
        [Submitted, UnderReview, AwaitingCorrection, AwaitingApproval, Approved, Completed, Rejected, Withdrawn];

    public static bool IsBuiltIn(string code) => BuiltIn.Contains(code, StringComparer.Ordinal);
}

/// <summary>Codes of the actions of the default workflow; admins may add actions leading to their own states.</summary>
public static class CaseAction
{
    public const string StartReview = "StartReview";

    /// <summary>起案: the reviewer sends the case to the approver (決裁) with a recommendation.</summary>
    public const string SubmitForApproval = "SubmitForApproval";

    public const string Approve = "Approve";
    public const string Reject = "Reject";

    /// <summary>The approver sends the case back to the reviewer (差し戻し within the office).</summary>
    public const string ReturnToReview = "ReturnToReview";

    /// <summary>補正依頼 (差し戻し): staff send the application back with the fields to correct and a reason.</summary>
    public const string RequestCorrection = "RequestCorrection";

    /// <summary>The applicant sends the corrected answers back; review resumes.</summary>
    public const string Resubmit = "Resubmit";

    /// <summary>Staff resume review of a case awaiting correction without a resubmission (e.g. no answer came).</summary>
    public const string ResumeReview = "ResumeReview";

    public const string Withdraw = "Withdraw";

    /// <summary>交付済: the approved result was handed over (document issued or sent).</summary>
    public const string Complete = "Complete";

    public static readonly IReadOnlyList<string> BuiltIn =
        [StartReview, SubmitForApproval, Approve, Reject, ReturnToReview, RequestCorrection, Resubmit, ResumeReview, Withdraw, Complete];

    public static bool IsBuiltIn(string code) => BuiltIn.Contains(code, StringComparer.Ordinal);

    /// <summary>Actions with their own forms or flows; they cannot be taken with only a comment.</summary>
    public static bool NeedsOwnForm(string code) => code is RequestCorrection or Resubmit or Withdraw;
}

/// <summary>Who may take an action: the applicant, staff of the case's unit, or an approver of it.</summary>
public static class WorkflowRole
{
    public const string Applicant = "Applicant";
    public const string Staff = "Staff";
    public const string Approver = "Approver";

    public static readonly IReadOnlyList<string> All = [Applicant, Staff, Approver];
}

/// <summary>What reaching a state means for the application (statistics and the citizen's view read it).</summary>
public enum Outcome
{
    None = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}
