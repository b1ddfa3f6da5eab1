using System.Text.Json;

namespace CityDx.Domain.Cases;

/// <summary>
/// One change of a case's answers after filing (a resubmission after 補正依頼): both versions,
/// who and when. Never changed or deleted, so the history keeps every version of the answers.
/// </summary>
public class AnswerRevision
{
    private AnswerRevision() { }

    public AnswerRevision(Guid caseId, DateTimeOffset at, string actorUserId, string previousAnswersJson, string newAnswersJson)
    {
        CaseId = caseId;
        At = at;
        ActorUserId = actorUserId;
        PreviousAnswersJson = previousAnswersJson;
        NewAnswersJson = newAnswersJson;
    }

    public long Id { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorUserId { get; private set; } = "";
    public string PreviousAnswersJson { get; private set; } = "{}";
    public string NewAnswersJson { get; private set; } = "{}";

    public IReadOnlyDictionary<string, string> PreviousAnswers =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(PreviousAnswersJson) ?? [];

    public IReadOnlyDictionary<string, string> NewAnswers =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(NewAnswersJson) ?? [];
}
