using System.Globalization;
using System.Text.RegularExpressions;

namespace CityDx.Domain.Forms;

/// <summary>
/// Something that stops a form version from being published. <see cref="Code"/> is stable ("Publish.*");
/// <see cref="StepKey"/>/<see cref="FieldKey"/> say where (a sub-field of a repeating group is "{group}[].{sub}");
/// <see cref="Args"/> carries what <see cref="FormProblemMessages"/> needs (labels, the referenced key, …).
/// </summary>
public sealed record FormProblem(string Code, string? StepKey, string? FieldKey, IReadOnlyDictionary<string, string>? Args = null)
{
    public string? Arg(string name) => Args?.GetValueOrDefault(name);
}

/// <summary>
/// The checks a form definition must pass before it is published. Every problem is listed, not only the first,
/// so an administrator can fix them all at once.
/// </summary>
/// <remarks>
/// Codes: Publish.Empty, Publish.TooManyFields, Publish.InvalidKey, Publish.DuplicateKey, Publish.DuplicateOption, Publish.BadOptionValue,
/// Publish.LabelMissing, Publish.NoOptions, Publish.BadPattern, Publish.BadRange, Publish.FileTypesMissing,
/// Publish.GroupEmpty, Publish.NestedGroup, Publish.RuleInGroup, Publish.RuleMissingField, Publish.RuleLaterField,
/// Publish.RuleCycle, Publish.RuleNoValues, Publish.RuleNotYesNo, Publish.RuleBadTarget, Publish.RuleUnknownValue,
/// Publish.BadDate, Publish.BadAllowedCity.
/// Step titles are required only when a form has more than one step (a one-page form shows none).
/// </remarks>
public static partial class FormChecks
{
    [GeneratedRegex("\\A[a-z][a-z0-9_]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyFormat();

    public static bool IsValidKey(string? key) => key is not null && KeyFormat().IsMatch(key);

    /// <summary>Null when the pattern compiles (alone and as the anchored form validation uses), else the reason.</summary>
    public static string? PatternError(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            _ = new Regex($"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <param name="d">The definition.</param>
    /// <param name="today">The JST date of publishing: with it, a fixed date bound is also compared with a bound relative to today.</param>
    public static IReadOnlyList<FormProblem> Check(FormDefinition d, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        var problems = new List<FormProblem>();
        var total = d.Fields.Count + d.Fields.Sum(f => f.SubFieldList.Count);
        if (d.Steps.Count == 0 || total == 0)
        {
            problems.Add(new FormProblem("Publish.Empty", null, null));
        }

        if (total > FormDefinition.MaxFields)
        {
            problems.Add(new FormProblem("Publish.TooManyFields", null, null, Args(("max", Num(FormDefinition.MaxFields)), ("count", Num(total)))));
        }

        CheckSteps(d, total, problems);

        var seenFields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in d.Steps)
        {
            foreach (var field in step.Fields ?? [])
            {
                if (!seenFields.Add(field.Key))
                {
                    problems.Add(new FormProblem("Publish.DuplicateKey", step.Key, field.Key, Describe(field)));
                }

                CheckField(field, step.Key, null, today, problems);
            }
        }

        CheckRules(d, problems);
        CheckCycles(d, problems);
        return problems;
    }

    private static void CheckSteps(FormDefinition d, int total, List<FormProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in d.Steps)
        {
            var args = Args(("title", step.TitleJa ?? ""), ("titleEn", step.TitleEn ?? ""));
            if (!IsValidKey(step.Key))
            {
                problems.Add(new FormProblem("Publish.InvalidKey", step.Key, null, With(args, ("key", step.Key ?? ""))));
            }

            if (!seen.Add(step.Key ?? ""))
            {
                problems.Add(new FormProblem("Publish.DuplicateKey", step.Key, null, args));
            }

            if (d.Steps.Count > 1)
            {
                foreach (var (language, text) in new[] { ("ja", step.TitleJa), ("en", step.TitleEn) })
                {
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        problems.Add(new FormProblem("Publish.LabelMissing", step.Key, null, With(args, ("language", language))));
                    }
                }
            }

            if (total > 0 && (step.Fields is null || step.Fields.Count == 0))
            {
                problems.Add(new FormProblem("Publish.Empty", step.Key, null, args));
            }
        }
    }

    private static void CheckField(FormField field, string stepKey, FormField? group, DateOnly? today, List<FormProblem> problems)
    {
        var key = group is null ? field.Key : $"{group.Key}[].{field.Key}";
        var args = Describe(field);
        void Add(string code, params (string Name, string Value)[] more) => problems.Add(new FormProblem(code, stepKey, key, With(args, more)));

        if (!IsValidKey(field.Key))
        {
            Add("Publish.InvalidKey", ("key", field.Key ?? ""));
        }

        CheckLabels(field, Add);
        if (field.Type is FieldType.SingleChoice or FieldType.MultipleChoice)
        {
            CheckOptions(field, Add);
        }

        if (!string.IsNullOrEmpty(field.Pattern) && PatternError(field.Pattern) is { } reason)
        {
            Add("Publish.BadPattern", ("pattern", field.Pattern), ("reason", reason));
        }

        CheckRanges(field, Add);
        CheckDateBounds(field, today, Add);
        if (field.AllowedCityList.Any(c => string.IsNullOrWhiteSpace(c) || c != c.Trim()))
        {
            Add("Publish.BadAllowedCity");
        }

        if (field.Type == FieldType.FileUpload && field.Required && field.AllowedFileTypeList.Count == 0)
        {
            Add("Publish.FileTypesMissing");
        }

        if (group is not null && field.ShowWhen is not null)
        {
            Add("Publish.RuleInGroup", ("target", field.ShowWhen.FieldKey ?? ""));
        }

        if (field.Type == FieldType.RepeatingGroup)
        {
            if (group is not null)
            {
                Add("Publish.NestedGroup");
                return;
            }

            CheckGroup(field, stepKey, today, Add, problems);
        }
    }

    /// <summary>Both languages' label (or, for read-only text, content).</summary>
    private static void CheckLabels(FormField field, Action<string, (string, string)[]> add)
    {
        var (ja, en, part) = field.Type == FieldType.Information
            ? (field.ContentJa, field.ContentEn, "content")
            : (field.LabelJa, field.LabelEn, (string?)null);
        foreach (var (language, text) in new[] { ("ja", ja), ("en", en) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                add("Publish.LabelMissing", part is null ? [("language", language)] : [("language", language), ("part", part)]);
            }
        }
    }

    /// <summary>At least one choice; values unique, trimmed, on one line; both languages' label for each.</summary>
    private static void CheckOptions(FormField field, Action<string, (string, string)[]> add)
    {
        if (field.OptionList.Count == 0)
        {
            add("Publish.NoOptions", []);
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in field.OptionList)
        {
            var value = option.Value ?? "";
            if (!values.Add(value))
            {
                add("Publish.DuplicateOption", [("option", value)]);
            }

            if (string.IsNullOrWhiteSpace(option.Value) || option.Value.Contains('\n', StringComparison.Ordinal) || option.Value != option.Value.Trim())
            {
                add("Publish.BadOptionValue", [("option", value)]);
            }

            foreach (var (language, text) in new[] { ("ja", option.LabelJa), ("en", option.LabelEn) })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    add("Publish.LabelMissing", [("language", language), ("option", value)]);
                }
            }
        }
    }

    /// <summary>A repeating group has sub-questions with unique keys, each checked as a question.</summary>
    private static void CheckGroup(FormField field, string stepKey, DateOnly? today, Action<string, (string, string)[]> add, List<FormProblem> problems)
    {
        if (field.SubFieldList.Count == 0)
        {
            add("Publish.GroupEmpty", []);
        }

        var subKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sub in field.SubFieldList)
        {
            if (!subKeys.Add(sub.Key))
            {
                problems.Add(new FormProblem("Publish.DuplicateKey", stepKey, $"{field.Key}[].{sub.Key}", Describe(sub)));
            }

            CheckField(sub, stepKey, field, today, problems);
        }
    }

    private static void CheckRanges(FormField field, Action<string, (string, string)[]> add)
    {
        void Bad(string what, object? min, object? max) =>
            add("Publish.BadRange", [("what", what), ("min", Text(min)), ("max", Text(max))]);

        if (field.Min is { } min && field.Max is { } max && min > max)
        {
            Bad(field.Type == FieldType.MultipleChoice ? "selections" : "value", min, max);
        }
        else if (field.Type == FieldType.MultipleChoice && (!IsCount(field.Min) || !IsCount(field.Max)))
        {
            Bad("selections", field.Min, field.Max);
        }

        if (field.MaxLength < 1 || field.MinLength < 0 || (field.MinLength is { } minLength && minLength > field.EffectiveMaxLength))
        {
            Bad("length", field.MinLength, field.MaxLength ?? field.EffectiveMaxLength);
        }

        if (field.MinRows < 0 || field.MaxRows < 1 || field.MaxRows > FormDefinition.RowLimit || (field.MinRows is { } minRows && field.MaxRows is { } maxRows && minRows > maxRows))
        {
            Bad("rows", field.MinRows, field.MaxRows);
        }

        if (field.MaxFiles < 1)
        {
            Bad("files", 1, field.MaxFiles);
        }

        if (field.MaxFileSizeBytes < 1)
        {
            Bad("fileSize", 1, field.MaxFileSizeBytes);
        }
    }

    /// <summary>Each date bound reads as a date or days from today, and the earliest is not after the latest.</summary>
    private static void CheckDateBounds(FormField field, DateOnly? today, Action<string, (string, string)[]> add)
    {
        DateBound? Read(string? text, string which)
        {
            if (text is null)
            {
                return null;
            }

            if (DateBound.TryParse(text, out var bound))
            {
                return bound;
            }

            add("Publish.BadDate", [("which", which), ("value", text)]);
            return null;
        }

        var min = Read(field.MinDate, "min");
        var max = Read(field.MaxDate, "max");
        if (min is { } a && max is { } b && DateBound.AreCrossed(a, b, today))
        {
            add("Publish.BadRange", [("what", "dates"), ("min", field.MinDate ?? ""), ("max", field.MaxDate ?? "")]);
        }
    }

    private static bool IsCount(decimal? value) => value is not { } v || (v >= 0 && v % 1 == 0);

    private static Dictionary<string, string> Describe(FormField field) => Args(("label", field.LabelJa ?? ""), ("labelEn", field.LabelEn ?? ""));

    private static Dictionary<string, string> Args(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    private static Dictionary<string, string> With(Dictionary<string, string> args, params (string Name, string Value)[] more)
    {
        var copy = new Dictionary<string, string>(args, StringComparer.Ordinal);
        foreach (var (name, value) in more)
        {
            copy[name] = value;
        }

        return copy;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
