namespace CityDx.Domain.Forms;

/// <summary>A problem with one answer; <see cref="Code"/> is turned into words by the UI.</summary>
public sealed record FieldError(string FieldKey, string Code, IReadOnlyDictionary<string, object>? Args = null);

public sealed record FormValidationResult(IReadOnlyList<FieldError> Errors, IReadOnlyDictionary<string, string> Answers)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The questions of one form version, in <see cref="Steps"/> (pages). Answers are validated against the version an
/// application is pinned to, never against the live form, so a later version cannot invalidate what was filed.
/// </summary>
/// <remarks>
/// The parts: <see cref="FormField"/> (a question), <see cref="AddressPart"/>/<see cref="DatePart"/>/<see cref="GroupRow"/>
/// (the keys answers are stored under), <see cref="Condition"/> and FormVisibility (show-when rules), AnswerValidator
/// (each type's rules), <see cref="FormChecks"/> (publish checks) and <see cref="FormJson"/> (the exchange format).
/// </remarks>
public sealed class FormDefinition
{
    /// <summary>Most fields a form may have, counting the sub-fields of repeating groups.</summary>
    public const int MaxFields = 500;

    /// <summary>Most rows a repeating group accepts when it sets no <see cref="FormField.MaxRows"/>.</summary>
    public const int RowLimit = 100;

    /// <summary>Key of the single step made by <see cref="FormDefinition(IReadOnlyList{FormField})"/>.</summary>
    public const string SingleStepKey = "main";

    private readonly Dictionary<string, FormField> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<FormField, FormStep> _stepOf = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A one-page form: the fields become a single step with key <see cref="SingleStepKey"/> ("main") and empty
    /// titles (a one-page form shows no step title; <see cref="FormChecks"/> only requires titles when there are several steps).
    /// </summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public FormDefinition(IReadOnlyList<FormField> fields)
        : this([new FormStep(SingleStepKey, "", "", fields)])
    {
    }

    public FormDefinition(IReadOnlyList<FormStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps;
        Fields = [.. steps.SelectMany(s => s.Fields ?? [])];
        foreach (var step in steps)
        {
            foreach (var field in step.Fields ?? [])
            {
                _stepOf.TryAdd(field, step);
                _byKey.TryAdd(field.Key, field);
            }
        }
    }

    public IReadOnlyList<FormStep> Steps { get; }

    /// <summary>All fields of all steps, in order (sub-fields of repeating groups stay inside their group).</summary>
    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>The top-level field with this key (the first, should a broken definition repeat one).</summary>
    public FormField? FindField(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The step a top-level field of this definition is on.</summary>
    public FormStep? StepOf(FormField field) => _stepOf.GetValueOrDefault(field);

    /// <summary>
    /// Whether the step is shown for these answers: its <see cref="FormStep.ShowWhen"/> holds. A condition on a field
    /// that is missing or hidden is false.
    /// </summary>
    public bool IsVisible(FormStep step, IReadOnlyDictionary<string, string?> answers) => new FormVisibility(this, answers).Step(step);

    /// <summary>
    /// Whether the field is shown for these answers: its step is visible and its own <see cref="FormField.ShowWhen"/>
    /// holds. A condition on a field that is missing or itself hidden is false, so chains work (hidden parent → hidden child).
    /// A sub-field of a repeating group is visible when its group is.
    /// </summary>
    public bool IsVisible(FormField field, IReadOnlyDictionary<string, string?> answers) => new FormVisibility(this, answers).Field(field);

    /// <summary>
    /// Checks the answers and returns them normalised (full-width digits and letters made
    /// half-width where the field expects them, half-width kana made full-width, spaces trimmed,
    /// phone numbers as digits, dates as ISO, フリガナ as katakana), with unknown keys dropped so
    /// nothing the form does not ask for is stored. Fields that are hidden by a condition (or on a hidden step)
    /// are neither checked nor stored, even when their answers were posted.
    /// </summary>
    /// <remarks>
    /// With a <paramref name="context"/> (the application always passes one) the rules that need today's date
    /// (date ranges, how far 令和 runs) and the postal data (郵便番号 and 住所 agreeing) are checked too.
    /// </remarks>
    public FormValidationResult Validate(IReadOnlyDictionary<string, string?> answers, AnswerContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var visibility = new FormVisibility(this, answers);
        var validator = new AnswerValidator(answers, context);
        foreach (var step in Steps.Where(visibility.Step))
        {
            foreach (var field in (step.Fields ?? []).Where(visibility.Field))
            {
                validator.Field(field);
            }
        }

        return validator.Result();
    }

    /// <summary>
    /// Checks one step's questions, as the filing flow does when the citizen continues from that step:
    /// conditions are evaluated against all the answers so far (a question on this step may depend on an
    /// earlier step), and only this step's visible questions are checked and returned.
    /// </summary>
    public FormValidationResult ValidateStep(FormStep step, IReadOnlyDictionary<string, string?> answers, AnswerContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(answers);
        var visibility = new FormVisibility(this, answers);
        var validator = new AnswerValidator(answers, context);
        foreach (var field in (step.Fields ?? []).Where(visibility.Field))
        {
            validator.Field(field);
        }

        return validator.Result();
    }

    /// <summary>
    /// Whether an answer key is one a question on this step reads: the question's own key, a part of
    /// an address or a date ("address.postal_code", "birth.year") or a cell of a repeating group's row
    /// ("children[0].name"). Anything else posted with the step is not the form's and is not kept.
    /// </summary>
    public static bool StepOwnsKey(FormStep step, string key)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(key);
        return (step.Fields ?? []).Any(field => AnswerKeys.Owns(field, key));
    }
}
