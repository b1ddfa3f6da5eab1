using System.Globalization;

namespace CityDx.Domain.Forms;

/// <summary>Repeating groups: rows of sub-questions stored as "{key}[{row}].{subKey}", the row count under "{key}".</summary>
internal sealed partial class AnswerValidator
{
    /// <summary>
    /// Rows are 0..n-1: n is the row count posted under "{key}" when it is a whole number, else the number of
    /// contiguous rows from 0 that have any answer. Answers for rows at or beyond n are dropped.
    /// </summary>
    private void Group(FormField field)
    {
        var maxRows = Math.Min(field.MaxRows ?? FormDefinition.RowLimit, FormDefinition.RowLimit);
        var minRows = field.MinRows ?? (field.Required ? 1 : 0);
        int rows;
        var posted = answers.GetValueOrDefault(field.Key)?.Trim();
        if (string.IsNullOrEmpty(posted))
        {
            rows = ContiguousRows(field.Key);
        }
        else if (!int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out rows))
        {
            Error(field.Key, "Form.NotANumber");
            return;
        }

        if (rows < minRows || rows > maxRows)
        {
            Error(field.Key, "Form.Rows", new() { ["min"] = minRows, ["max"] = maxRows });
            return;
        }

        if (rows == 0)
        {
            return;
        }

        _clean[field.Key] = rows.ToString(CultureInfo.InvariantCulture);
        for (var row = 0; row < rows; row++)
        {
            foreach (var sub in field.SubFieldList)
            {
                // Each cell is checked with the sub-field's own rules under its row key.
                if (sub.Type != FieldType.RepeatingGroup)
                {
                    Field(sub with { Key = GroupRow.Key(field.Key, row, sub.Key) });
                }
            }
        }
    }

    /// <summary>How many rows from 0 on have an answer, when no row count was posted.</summary>
    private int ContiguousRows(string groupKey)
    {
        var present = new HashSet<int>();
        var prefix = groupKey + "[";
        foreach (var key in answers.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var close = key.IndexOf("].", prefix.Length, StringComparison.Ordinal);
                var digits = close > prefix.Length ? key[prefix.Length..close] : "";
                if (digits.Length is > 0 and <= 4 && (digits == "0" || digits[0] != '0') && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    present.Add(index);
                }
            }
        }

        var rows = 0;
        while (present.Contains(rows))
        {
            rows++;
        }

        return rows;
    }
}
