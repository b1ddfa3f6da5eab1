using System.Text.Json;
using CityDx.Domain.Attachments;

namespace CityDx.Domain.Cases;

/// <summary>
/// 一時保存 (下書き): an online application being filled in, one step at a time. Each step is saved
/// on the server when the citizen continues, so the back button, a refresh, a lost session or a
/// different device lose nothing already saved. The draft is pinned to the form version it was
/// started on. After submission it keeps only what the filing funnel needs (when it was started,
/// reached the check-answers page and was submitted) and its answers are cleared; an unsubmitted
/// draft expires <see cref="Lifetime"/> after it was last saved.
/// </summary>
public class Draft
{
    private Draft() { }

    public Guid Id { get; private set; }
    public string ApplicantUserId { get; private set; } = "";
    public Guid ProcedureId { get; private set; }
    public Guid FormVersionId { get; private set; }

    /// <summary>The ward office chosen, for procedures the citizen routes to a ward.</summary>
    public Guid? WardId { get; private set; }

    /// <summary>代理申請: the filer said they act for someone else (the person's details are answers with reserved keys).</summary>
    public bool IsProxy { get; private set; }

    /// <summary>The answers as typed (not yet normalised), of every step saved so far; file questions hold draft file ids.</summary>
    public string AnswersJson { get; private set; } = "{}";

    /// <summary>The steps saved without errors, in the order they were saved ('\n'-separated keys).</summary>
    public string CompletedStepKeys { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the citizen first reached 確認 (check your answers); the funnel counts it.</summary>
    public DateTimeOffset? ReachedCheckAnswersAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>The case the draft became.</summary>
    public Guid? CaseId { get; private set; }

    /// <summary>Optimistic concurrency: two tabs saving at once do not silently overwrite each other's step.</summary>
    public int Version { get; private set; }

    public IReadOnlyDictionary<string, string> Answers =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(AnswersJson) ?? [];

    public IReadOnlyCollection<string> CompletedSteps =>
        CompletedStepKeys.Length == 0 ? [] : CompletedStepKeys.Split('\n');

    public bool IsSubmitted => SubmittedAt is not null;

    public bool IsExpired(DateTimeOffset now) => !IsSubmitted && now >= ExpiresAt;

    public static Draft Start(string applicantUserId, Guid procedureId, Guid formVersionId, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicantUserId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        return new Draft
        {
            Id = Guid.CreateVersion7(now),
            ApplicantUserId = applicantUserId,
            ProcedureId = procedureId,
            FormVersionId = formVersionId,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + lifetime,
            Version = 1,
        };
    }

    /// <summary>
    /// Saves one step: every answer the step owns is replaced by the ones given (so a cleared
    /// answer or a removed row goes away), answers of other steps are kept, and the step counts as
    /// completed. The draft's life starts again from now.
    /// </summary>
    public void SaveStep(string stepKey, Func<string, bool> ownsKey, IReadOnlyDictionary<string, string> stepAnswers, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepKey);
        ArgumentNullException.ThrowIfNull(ownsKey);
        ArgumentNullException.ThrowIfNull(stepAnswers);
        EnsureOpen(now);
        if (stepAnswers.Keys.FirstOrDefault(k => !ownsKey(k)) is { } foreign)
        {
            throw new ArgumentException($"The answer '{foreign}' does not belong to step '{stepKey}'.", nameof(stepAnswers));
        }

        var answers = Answers.Where(a => !ownsKey(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var (key, value) in stepAnswers)
        {
            answers[key] = value;
        }

        AnswersJson = JsonSerializer.Serialize(answers);
        var steps = CompletedSteps.Where(s => s != stepKey).Append(stepKey);
        CompletedStepKeys = string.Join('\n', steps);
        Touch(now, lifetime);
    }

    /// <summary>The applicant step: the ward chosen and whether the filer acts for someone else.</summary>
    public void SetApplicant(Guid? wardId, bool isProxy)
    {
        WardId = wardId;
        IsProxy = isProxy;
    }

    public void MarkReachedCheckAnswers(DateTimeOffset now)
    {
        EnsureOpen(now);
        if (ReachedCheckAnswersAt is null)
        {
            // UpdatedAt moves so the funnel roll-up picks the change up.
            ReachedCheckAnswersAt = now;
            UpdatedAt = now;
        }
    }

    /// <summary>The draft became a case: its answers now live on the case, so the draft forgets them.</summary>
    public void MarkSubmitted(Guid caseId, DateTimeOffset now)
    {
        EnsureOpen(now);
        CaseId = caseId;
        SubmittedAt = now;
        UpdatedAt = now;
        AnswersJson = "{}";
        Version++;
    }

    private void Touch(DateTimeOffset now, TimeSpan lifetime)
    {
        UpdatedAt = now;
        ExpiresAt = now + lifetime;
        Version++;
    }

    private void EnsureOpen(DateTimeOffset now)
    {
        if (IsSubmitted)
        {
            throw new DomainRuleException("Draft.AlreadySubmitted", "The application has already been submitted.");
        }

        if (IsExpired(now))
        {
            throw new DomainRuleException("Draft.Expired", "The saved application has expired.");
        }
    }
}

/// <summary>A file uploaded on a step of a draft, checked by content and stored; it becomes an attachment when the draft is submitted.</summary>
public class DraftFile
{
    private DraftFile() { }

    public DraftFile(Guid id, Guid draftId, string fieldKey, FileMetadata file, DateTimeOffset uploadedAt)
    {
        Id = id;
        DraftId = draftId;
        FieldKey = fieldKey;
        File = file;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    public Guid DraftId { get; private set; }
    public string FieldKey { get; private set; } = "";
    public FileMetadata File { get; private set; } = null!;
    public DateTimeOffset UploadedAt { get; private set; }
}
