namespace CityDx.Domain.Cases;

/// <summary>States of the default workflow (glossary: Applications and cases).</summary>
public enum CaseStatus
{
    Submitted = 1,
    UnderReview = 2,
    AwaitingCorrection = 3,
    AwaitingApproval = 4,
    Approved = 5,
    Completed = 6,
    Rejected = 7,
    Withdrawn = 8,
}

public static class CaseStatusExtensions
{
    public static bool IsTerminal(this CaseStatus status) =>
        status is CaseStatus.Completed or CaseStatus.Rejected or CaseStatus.Withdrawn or CaseStatus.Approved;
}
