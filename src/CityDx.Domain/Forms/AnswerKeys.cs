using System.Globalization;

namespace CityDx.Domain.Forms;

/// <summary>The answers a <see cref="FieldType.PostalAddress"/> field is made of, stored as "{key}.{part}".</summary>
public static class AddressPart
{
    public const string PostalCode = "postal_code";
    public const string Prefecture = "prefecture";
    public const string City = "city";
    public const string Town = "town";
    public const string Street = "street";

    public static readonly IReadOnlyList<string> All = [PostalCode, Prefecture, City, Town, Street];

    public static string Key(string fieldKey, string part) => $"{fieldKey}.{part}";
}

/// <summary>The parts a date may be typed in (年・月・日, and 元号 when the field shows 和暦), stored as "{key}.{part}".</summary>
public static class DatePart
{
    public const string Era = "era";
    public const string Year = "year";
    public const string Month = "month";
    public const string Day = "day";

    public static string Key(string fieldKey, string part) => $"{fieldKey}.{part}";
}

/// <summary>The answers of a <see cref="FieldType.RepeatingGroup"/>: "{key}[{row}].{subKey}", rows numbered from 0 without gaps.</summary>
public static class GroupRow
{
    public static string Key(string groupKey, int row, string subKey) => $"{groupKey}[{row.ToString(CultureInfo.InvariantCulture)}].{subKey}";
    public static string Prefix(string groupKey, int row) => $"{groupKey}[{row.ToString(CultureInfo.InvariantCulture)}].";
}

/// <summary>Which answer keys a question reads: its own key and the parts or row cells stored under it.</summary>
internal static class AnswerKeys
{
    /// <summary>
    /// Whether <paramref name="key"/> is one <paramref name="field"/> reads: the question's own key, a part of
    /// an address or a date ("address.postal_code", "birth.year") or a cell of a repeating group's row ("children[0].name").
    /// </summary>
    public static bool Owns(FormField field, string key)
    {
        if (!key.StartsWith(field.Key, StringComparison.Ordinal))
        {
            return false;
        }

        if (key.Length == field.Key.Length)
        {
            return true;
        }

        var rest = key[field.Key.Length..];
        switch (field.Type)
        {
            case FieldType.PostalAddress when rest[0] == '.' && AddressPart.All.Contains(rest[1..]):
            case FieldType.Date when rest is ".era" or ".year" or ".month" or ".day":
                return true;
            case FieldType.RepeatingGroup when rest[0] == '[':
                var close = rest.IndexOf("].", StringComparison.Ordinal);
                return close > 1 && int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row < FormDefinition.RowLimit
                    && field.SubFieldList.Any(sub => rest[(close + 2)..] == sub.Key || rest[(close + 2)..].StartsWith(sub.Key + ".", StringComparison.Ordinal));
            default:
                return false;
        }
    }
}
