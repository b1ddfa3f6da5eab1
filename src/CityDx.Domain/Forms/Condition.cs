namespace CityDx.Domain.Forms;

/// <summary>How a <see cref="Condition"/> compares the answer of the field it refers to.</summary>
public enum ConditionOperator
{
    /// <summary>The answer equals <c>Values[0]</c> (for a multiple choice: any selected value does).</summary>
    Equals = 0,

    /// <summary>The answer does not equal <c>Values[0]</c> (for a multiple choice: no selected value does). An empty answer counts as "not equal".</summary>
    NotEquals = 1,

    /// <summary>The answer is one of <c>Values</c> (for a multiple choice: any selected value is).</summary>
    OneOf = 2,

    /// <summary>The answer is "yes" (for a <see cref="FieldType.YesNo"/> or <see cref="FieldType.Declaration"/> field); takes no values.</summary>
    IsYes = 3,
}

/// <summary>
/// A declarative show/hide rule: "show this when field <see cref="FieldKey"/> ... ". It is plain data so the
/// server (<see cref="FormDefinition.IsVisible(FormField, IReadOnlyDictionary{string, string?})"/>) and the
/// browser (reading the same rule from the <see cref="FormJson"/> export) evaluate exactly the same thing.
/// </summary>
/// <remarks>
/// Values are compared ordinally with the trimmed answer. A condition that refers to a field which is missing
/// or itself hidden is false, so hiding a parent question hides everything that depends on it.
/// </remarks>
public sealed record Condition(string FieldKey, ConditionOperator Operator, IReadOnlyList<string>? Values = null)
{
    /// <summary>Operators that compare against <see cref="Values"/> and so need at least one.</summary>
    public bool NeedsValues => Operator is ConditionOperator.Equals or ConditionOperator.NotEquals or ConditionOperator.OneOf;

    internal static bool Evaluate(Condition condition, FieldType targetType, string? answer)
    {
        var selected = Selected(targetType, answer);
        var values = condition.Values ?? [];
        return condition.Operator switch
        {
            ConditionOperator.Equals => values.Count > 0 && selected.Contains(values[0], StringComparer.Ordinal),
            ConditionOperator.NotEquals => values.Count > 0 && !selected.Contains(values[0], StringComparer.Ordinal),
            ConditionOperator.OneOf => selected.Any(s => values.Contains(s, StringComparer.Ordinal)),
            ConditionOperator.IsYes => selected.Count == 1 && selected[0] == "yes",
            _ => false,
        };
    }

    private static List<string> Selected(FieldType type, string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return [];
        }

        return type == FieldType.MultipleChoice
            ? [.. answer.Split('\n').Select(v => v.Trim()).Where(v => v.Length > 0)]
            : [answer.Trim()];
    }
}
