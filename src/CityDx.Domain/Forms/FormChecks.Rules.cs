namespace CityDx.Domain.Forms;

/// <summary>Publish checks of the show-when rules: each names an earlier, suitable question, and no rule depends on itself.</summary>
public static partial class FormChecks
{
    private static void CheckRules(FormDefinition d, List<FormProblem> problems)
    {
        // Position of each top-level field in form order, and the index of its step.
        var position = new Dictionary<string, (int Index, int Step)>(StringComparer.Ordinal);
        var index = 0;
        for (var s = 0; s < d.Steps.Count; s++)
        {
            foreach (var field in d.Steps[s].Fields ?? [])
            {
                position.TryAdd(field.Key, (index++, s));
            }
        }

        index = 0;
        for (var s = 0; s < d.Steps.Count; s++)
        {
            var step = d.Steps[s];
            if (step.ShowWhen is { } stepRule)
            {
                // A step may only depend on answers given on earlier steps.
                CheckRule(d, stepRule, position, isEarlier: p => p.Step < s, step.Key, null, Args(("title", step.TitleJa ?? ""), ("titleEn", step.TitleEn ?? "")), problems);
            }

            foreach (var field in step.Fields ?? [])
            {
                var here = index++;
                if (field.ShowWhen is { } rule)
                {
                    CheckRule(d, rule, position, isEarlier: p => p.Index < here, step.Key, field.Key, Describe(field), problems);
                }
            }
        }
    }

    private static void CheckRule(FormDefinition d, Condition rule, Dictionary<string, (int Index, int Step)> position, Func<(int Index, int Step), bool> isEarlier, string stepKey, string? fieldKey, Dictionary<string, string> args, List<FormProblem> problems)
    {
        void Add(string code, params (string Name, string Value)[] more) =>
            problems.Add(new FormProblem(code, stepKey, fieldKey, With(args, [("target", rule.FieldKey ?? ""), ("operator", rule.Operator.ToString()), .. more])));

        if (rule.NeedsValues && (rule.Values is null || rule.Values.Count == 0))
        {
            Add("Publish.RuleNoValues");
        }

        var target = rule.FieldKey is null ? null : d.FindField(rule.FieldKey);
        if (target is null)
        {
            Add("Publish.RuleMissingField");
            return;
        }

        if (!isEarlier(position[target.Key]))
        {
            Add("Publish.RuleLaterField", ("targetLabel", target.LabelJa ?? ""), ("targetLabelEn", target.LabelEn ?? ""));
        }

        if (rule.Operator == ConditionOperator.IsYes && target.Type is not (FieldType.YesNo or FieldType.Declaration))
        {
            Add("Publish.RuleNotYesNo", ("targetLabel", target.LabelJa ?? ""), ("targetLabelEn", target.LabelEn ?? ""));
        }

        if (target.Type is FieldType.Information or FieldType.RepeatingGroup or FieldType.PostalAddress or FieldType.FileUpload)
        {
            Add("Publish.RuleBadTarget", ("targetLabel", target.LabelJa ?? ""), ("targetLabelEn", target.LabelEn ?? ""), ("targetType", target.Type.ToString()));
        }

        IReadOnlyList<string>? allowed = target.Type switch
        {
            FieldType.SingleChoice or FieldType.MultipleChoice => [.. target.OptionList.Select(o => o.Value)],
            FieldType.YesNo or FieldType.Declaration => ["yes", "no"],
            _ => null,
        };
        if (allowed is not null && rule.NeedsValues)
        {
            foreach (var value in rule.Values ?? [])
            {
                if (!allowed.Contains(value, StringComparer.Ordinal))
                {
                    Add("Publish.RuleUnknownValue", ("value", value ?? ""), ("targetLabel", target.LabelJa ?? ""), ("targetLabelEn", target.LabelEn ?? ""));
                }
            }
        }
    }

    /// <summary>
    /// Dependencies: a field depends on its step and on the field its rule names; a step on the field its rule names.
    /// Any cycle (found as a back edge of a depth-first search) is reported once, with its path.
    /// </summary>
    private static void CheckCycles(FormDefinition d, List<FormProblem> problems)
    {
        var state = new Dictionary<object, int>(ReferenceEqualityComparer.Instance); // 1 = on the path, 2 = done
        var path = new List<object>();

        IEnumerable<object> Next(object node)
        {
            var rule = node switch
            {
                FormField f => f.ShowWhen,
                FormStep s => s.ShowWhen,
                _ => null,
            };
            if (node is FormField field && d.StepOf(field) is { } step)
            {
                yield return step;
            }

            if (rule?.FieldKey is not null && d.FindField(rule.FieldKey) is { } target)
            {
                yield return target;
            }
        }

        void Visit(object node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in Next(node))
            {
                var seen = state.GetValueOrDefault(next);
                if (seen == 1)
                {
                    var cycle = path.Skip(path.FindIndex(n => ReferenceEquals(n, next))).Append(next).ToList();
                    var names = string.Join(" → ", cycle.Select(n => n is FormStep s ? $"step:{s.Key}" : ((FormField)n).Key));
                    problems.Add(next is FormStep cycleStep
                        ? new FormProblem("Publish.RuleCycle", cycleStep.Key, null, Args(("path", names)))
                        : new FormProblem("Publish.RuleCycle", d.StepOf((FormField)next)?.Key, ((FormField)next).Key, With(Describe((FormField)next), ("path", names))));
                }
                else if (seen == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var step in d.Steps)
        {
            foreach (var node in (step.Fields ?? []).Cast<object>().Prepend(step))
            {
                if (state.GetValueOrDefault(node) == 0)
                {
                    Visit(node);
                }
            }
        }
    }
}
