namespace CityDx.Domain.Forms;

/// <summary>
/// Evaluates the show-when <see cref="Condition"/>s of one form for one set of answers, remembering results and
/// refusing loops. A condition on a field that is missing or itself hidden is false, so chains work.
/// </summary>
internal sealed class FormVisibility(FormDefinition form, IReadOnlyDictionary<string, string?> answers)
{
    private readonly Dictionary<object, bool> _known = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _evaluating = new(ReferenceEqualityComparer.Instance);

    public bool Step(FormStep step) => Remember(step, () => Holds(step.ShowWhen));

    public bool Field(FormField field) => Remember(field, () =>
    {
        if (form.StepOf(field) is { } step)
        {
            return Step(step) && Holds(field.ShowWhen);
        }

        // A sub-field: visible with its group (rules inside groups are not supported; see FormChecks).
        var group = form.Fields.FirstOrDefault(f => f.Type == FieldType.RepeatingGroup && f.SubFieldList.Any(s => ReferenceEquals(s, field)));
        return group is not null ? Field(group) : Holds(field.ShowWhen);
    });

    private bool Holds(Condition? condition)
    {
        if (condition is null)
        {
            return true;
        }

        var target = form.FindField(condition.FieldKey);
        return target is not null && Field(target) && Condition.Evaluate(condition, target.Type, answers.GetValueOrDefault(target.Key));
    }

    private bool Remember(object item, Func<bool> evaluate)
    {
        if (_known.TryGetValue(item, out var known))
        {
            return known;
        }

        // A rule that (directly or not) depends on itself is false rather than endless; FormChecks reports it.
        if (!_evaluating.Add(item))
        {
            return false;
        }

        var result = evaluate();
        _evaluating.Remove(item);
        _known[item] = result;
        return result;
    }
}
