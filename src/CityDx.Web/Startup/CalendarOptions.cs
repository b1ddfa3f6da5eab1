using System.Globalization;
using CityDx.Domain.Japanese;

namespace CityDx.Web.Startup;

/// <summary>
/// Configuration section "Calendar": the city's own closed days on top of the national holidays.
/// AnnualClosures are "MM-DD" (default 12-29 … 01-03, 年末年始); ExtraClosedDates are one-off "YYYY-MM-DD".
/// </summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    public List<string>? AnnualClosures { get; set; }

    public List<string> ExtraClosedDates { get; set; } = [];

    /// <summary>True when every closed day is written as this class says (checked when the app starts).</summary>
    public bool DatesAreValid() =>
        (AnnualClosures ?? []).All(s => DateOnly.TryParseExact("2000-" + s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        && ExtraClosedDates.All(s => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    public BusinessCalendar Build()
    {
        var annual = AnnualClosures?.Select(s =>
        {
            var date = DateOnly.ParseExact("2000-" + s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new AnnualClosure(date.Month, date.Day, "閉庁日");
        });
        var extra = ExtraClosedDates.Select(s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new BusinessCalendar(annual ?? BusinessCalendar.DefaultAnnualClosures, extra);
    }
}
