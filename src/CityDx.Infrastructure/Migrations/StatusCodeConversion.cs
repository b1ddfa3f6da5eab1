namespace CityDx.Infrastructure.Migrations;

/// <summary>
/// Data step of the StaffProcessing migration (both providers): case states became codes of the
/// procedure's workflow instead of numbers, and history lines gained the action and the actor's role.
/// </summary>
internal static class StatusCodeConversion
{
    private const string Map = """
        CASE {0} WHEN '1' THEN 'Submitted' WHEN '2' THEN 'UnderReview' WHEN '3' THEN 'AwaitingCorrection' WHEN '4' THEN 'AwaitingApproval'
        WHEN '5' THEN 'Approved' WHEN '6' THEN 'Completed' WHEN '7' THEN 'Rejected' WHEN '8' THEN 'Withdrawn' ELSE {0} END
        """;

    public static readonly string Sql = string.Join(";\n",
        $"""UPDATE cases SET "Status" = {string.Format(System.Globalization.CultureInfo.InvariantCulture, Map, "\"Status\"")}""",
        $"""UPDATE case_history SET "ToStatus" = {string.Format(System.Globalization.CultureInfo.InvariantCulture, Map, "\"ToStatus\"")}""",
        $"""UPDATE case_history SET "FromStatus" = {string.Format(System.Globalization.CultureInfo.InvariantCulture, Map, "\"FromStatus\"")} WHERE "FromStatus" IS NOT NULL""",
        """
        UPDATE case_history SET "Action" = CASE
            WHEN "FromStatus" IS NULL THEN 'Submit'
            WHEN "ToStatus" = 'UnderReview' AND "FromStatus" = 'AwaitingCorrection' THEN 'Resubmit'
            WHEN "ToStatus" = 'UnderReview' THEN 'StartReview'
            WHEN "ToStatus" = 'AwaitingCorrection' THEN 'RequestCorrection'
            WHEN "ToStatus" = 'Approved' THEN 'Approve'
            WHEN "ToStatus" = 'Rejected' THEN 'Reject'
            WHEN "ToStatus" = 'Withdrawn' THEN 'Withdraw'
            ELSE 'Complete' END
        """,
        """
        UPDATE case_history SET "ActorRole" = CASE
            WHEN EXISTS (SELECT 1 FROM cases c WHERE c."Id" = case_history."CaseId" AND c."ApplicantUserId" = case_history."ActorUserId") THEN 'Applicant'
            ELSE 'Staff' END
        """);
}
