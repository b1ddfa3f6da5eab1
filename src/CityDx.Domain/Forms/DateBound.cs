using System.Globalization;

namespace CityDx.Domain.Forms;

/// <summary>
/// One end of a date question's allowed range (<see cref="FormField.MinDate"/>, <see cref="FormField.MaxDate"/>):
/// a fixed date ("2026-04-01") or a number of days from today ("today", "today-365", "today+14"), today being the
/// Japanese (JST) date the answers are checked on.
/// </summary>
public readonly record struct DateBound(DateOnly? Date, int DaysFromToday)
{
    /// <summary>Most days a relative bound may reach (about 200 years).</summary>
    public const int MaxDays = 73_000;

    public bool IsToday => Date is null && DaysFromToday == 0;

    public DateOnly Resolve(DateOnly today) => Date ?? today.AddDays(DaysFromToday);

    /// <summary>"today", "today+14", "today-365" or "yyyy-MM-dd" (spaces ignored).</summary>
    public static bool TryParse(string? text, out DateBound bound)
    {
        bound = default;
        var t = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (t == "today")
        {
            return true;
        }

        if (t.StartsWith("today", StringComparison.Ordinal) && t.Length > 6 && t[5] is '+' or '-'
            && int.TryParse(t[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxDays)
        {
            bound = new DateBound(null, t[5] == '-' ? -days : days);
            return true;
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            bound = new DateBound(date, 0);
            return true;
        }

        return false;
    }

    public override string ToString() => Date is { } d
        ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : DaysFromToday switch
        {
            0 => "today",
            > 0 => "today+" + DaysFromToday.ToString(CultureInfo.InvariantCulture),
            _ => "today-" + (-DaysFromToday).ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// Whether a minimum certainly falls after a maximum, whatever today is: both fixed, or both relative to today.
    /// A fixed and a relative bound are compared on <paramref name="today"/> when it is given (at publish).
    /// </summary>
    public static bool AreCrossed(DateBound min, DateBound max, DateOnly? today = null) =>
        (min.Date, max.Date) switch
        {
            ({ } a, { } b) => a > b,
            (null, null) => min.DaysFromToday > max.DaysFromToday,
            _ => today is { } t && min.Resolve(t) > max.Resolve(t),
        };
}

/// <summary>One 都道府県 and 市区町村 the postal data gives for a postal code.</summary>
public sealed record PostalArea(string Prefecture, string City);

/// <summary>
/// What answers are checked against besides the form itself: today's date in Japan (date ranges, how far the
/// current era may run) and, for each postal code the postal data knows, the areas it belongs to. Built by the
/// application (from its clock and the postal_addresses table) so the domain stays free of both.
/// </summary>
public sealed class AnswerContext(DateOnly today, IReadOnlyDictionary<string, IReadOnlyList<PostalArea>>? postalAreas = null)
{
    public DateOnly Today { get; } = today;

    /// <summary>The areas of a 7-digit postal code, or empty when the postal data does not know it (or was not asked).</summary>
    public IReadOnlyList<PostalArea> AreasOf(string sevenDigits) => postalAreas?.GetValueOrDefault(sevenDigits) ?? [];
}
