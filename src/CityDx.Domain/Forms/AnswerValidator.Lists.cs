namespace CityDx.Domain.Forms;

/// <summary>Questions whose answer is a list or a tick: multiple choice, attachments and declarations.</summary>
internal sealed partial class AnswerValidator
{
    private void MultipleChoice(FormField field)
    {
        var raw = answers.GetValueOrDefault(field.Key);
        if (AnswerText.Refuses(raw))
        {
            Error(field.Key, "Form.InvalidCharacters");
            return;
        }

        var chosen = AnswerText.Lines(raw);
        if (chosen.Count == 0)
        {
            if (field.Required)
            {
                Error(field.Key, "Form.Required.Choose");
            }

            return;
        }

        if (chosen.Any(c => field.OptionList.All(o => o.Value != c)))
        {
            Error(field.Key, "Form.NotAnOption");
            return;
        }

        if ((field.Min is { } min && chosen.Count < min) || (field.Max is { } max && chosen.Count > max))
        {
            Error(field.Key, "Form.SelectionCount", new() { ["min"] = field.Min ?? 0m, ["max"] = field.Max ?? field.OptionList.Count });
            return;
        }

        // Stored in option order so the same choice is always stored the same way.
        _clean[field.Key] = string.Join('\n', field.OptionList.Select(o => o.Value).Where(v => chosen.Contains(v, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal));
    }

    private void Files(FormField field)
    {
        var raw = answers.GetValueOrDefault(field.Key);
        if (AnswerText.Refuses(raw))
        {
            Error(field.Key, "Form.InvalidCharacters");
            return;
        }

        var ids = AnswerText.Lines(raw);
        if (ids.Count == 0)
        {
            if (field.Required)
            {
                Error(field.Key, "Form.Required");
            }

            return;
        }

        if (field.MaxFiles is { } maxFiles && ids.Count > maxFiles)
        {
            Error(field.Key, "Form.TooManyFiles", new() { ["max"] = maxFiles });
            return;
        }

        _clean[field.Key] = string.Join('\n', ids);
    }

    private void Declaration(FormField field)
    {
        var value = answers.GetValueOrDefault(field.Key)?.Trim() ?? "";
        if (value == "yes")
        {
            _clean[field.Key] = value;
        }
        else if (field.Required)
        {
            Error(field.Key, "Form.Declaration");
        }
        else if (value.Length > 0)
        {
            Error(field.Key, "Form.NotAnOption");
        }
    }
}
