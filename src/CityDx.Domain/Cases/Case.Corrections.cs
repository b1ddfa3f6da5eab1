using System.Text.Json;
using CityDx.Domain.Japanese;

namespace CityDx.Domain.Cases;

public partial class Case
{
    /// <summary>
    /// 補正依頼: staff send the application back naming the questions to correct and why. The SLA
    /// clock stops until the applicant resubmits.
    /// </summary>
    public void RequestCorrection(CaseWorkflow workflow, IReadOnlyCollection<string> fieldKeys, CaseActor actor, string? reason, DateTimeOffset now, BusinessCalendar calendar)
    {
        var keys = fieldKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            throw new DomainRuleException("Correction.NoFields", "A correction request names at least one field.");
        }

        Apply(workflow, CaseAction.RequestCorrection, actor, reason, now, calendar);
        CorrectionFieldKeys = string.Join('\n', keys);
    }

    /// <summary>
    /// The applicant sends the corrected answers: the previous and new answers are kept as an
    /// append-only revision, review resumes, and the due date moves on by the business days the
    /// clock was stopped (counted in JST: the days after the request up to and including the day
    /// of resubmission, so a same-day correction moves nothing).
    /// </summary>
    public AnswerRevision Resubmit(CaseWorkflow workflow, IReadOnlyDictionary<string, string> answers, string actorUserId, BusinessCalendar calendar, DateTimeOffset now)
    {
        var previous = AnswersJson;
        Apply(workflow, CaseAction.Resubmit, CaseActor.Applicant(actorUserId), null, now, calendar);
        AnswersJson = JsonSerializer.Serialize(answers);

        return new AnswerRevision(Id, now, actorUserId, previous, AnswersJson);
    }

    /// <summary>The due date pushed forward by the business days between the pause and the resumption (JST dates).</summary>
    public static DateOnly ExtendDueDate(BusinessCalendar calendar, DateOnly due, DateTimeOffset pausedAt, DateTimeOffset resumedAt)
    {
        var paused = calendar.CountBusinessDays(JapanTime.DateOf(pausedAt), JapanTime.DateOf(resumedAt));
        return paused <= 0 ? due : calendar.AddBusinessDays(due, paused);
    }
}
