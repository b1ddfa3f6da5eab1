using System.Diagnostics;
using System.Globalization;
using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = new();

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-04-01", true)]  // Tuesday
    [InlineData("2025-04-05", false)] // Saturday
    [InlineData("2025-04-06", false)] // Sunday
    [InlineData("2025-04-29", false)] // 昭和の日
    [InlineData("2025-11-24", false)] // 振替休日
    [InlineData("2026-09-22", false)] // 国民の休日
    [InlineData("2025-12-26", true)]  // last working day of 2025
    [InlineData("2025-12-29", false)] // 年末年始 (Monday)
    [InlineData("2025-12-31", false)]
    [InlineData("2026-01-02", false)] // 年末年始 (Friday)
    [InlineData("2026-01-05", true)]  // 仕事始め
    [InlineData("2020-07-24", false)] // moved スポーツの日
    [InlineData("2020-10-12", true)]  // the usual スポーツの日 date, a normal day in 2020
    public void IsBusinessDay_with_default_closures(string date, bool expected)
    {
        Assert.Equal(expected, Calendar.IsBusinessDay(D(date)));
    }

    [Fact]
    public void Custom_closures_replace_the_defaults_and_extra_dates_are_added()
    {
        var calendar = new BusinessCalendar(
            annualClosures: [new AnnualClosure(6, 15, "市制記念日")],
            extraClosedDates: [D("2025-06-02")]);

        Assert.True(calendar.IsBusinessDay(D("2025-12-29")));
        Assert.Contains(new Holiday(D("2025-06-15"), "市制記念日", HolidayKind.City), calendar.HolidaysFor(2025)); // a Sunday
        Assert.False(calendar.IsBusinessDay(D("2026-06-15"))); // Monday
        Assert.False(calendar.IsBusinessDay(D("2025-06-02")));
        Assert.True(calendar.IsBusinessDay(D("2026-06-02")));
        Assert.False(calendar.IsBusinessDay(D("2025-01-01"))); // national holidays still apply
    }

    [Fact]
    public void Empty_closure_list_means_no_city_closures()
    {
        var calendar = new BusinessCalendar(annualClosures: []);

        Assert.True(calendar.IsBusinessDay(D("2025-12-29")));
        Assert.True(calendar.IsBusinessDay(D("2026-01-02")));
    }

    [Theory]
    [InlineData("2025-04-01", 0, "2025-04-01")]
    [InlineData("2025-04-05", 0, "2025-04-05")] // n = 0 is the start itself, even on a Saturday
    [InlineData("2025-04-05", 1, "2025-04-07")]
    [InlineData("2025-04-01", 1, "2025-04-02")]
    [InlineData("2025-04-01", 10, "2025-04-15")]
    [InlineData("2025-04-25", 1, "2025-04-28")] // Friday → Monday
    [InlineData("2025-04-28", 1, "2025-04-30")] // skips 昭和の日
    [InlineData("2025-05-02", 1, "2025-05-07")] // skips 5/3–5/6
    [InlineData("2025-12-26", 1, "2026-01-05")] // skips the weekend and 年末年始
    [InlineData("2025-12-29", 1, "2026-01-05")] // start inside the closure
    [InlineData("2025-12-26", 2, "2026-01-06")]
    [InlineData("2019-04-26", 1, "2019-05-07")] // the 10-day Golden Week of 2019
    [InlineData("2025-01-01", 19, "2025-01-31")] // January 2025 has 19 working days after 元日 (1/2, 1/3, 1/13 closed)
    [InlineData("2025-01-01", 20, "2025-02-03")]
    public void AddBusinessDays(string start, int n, string expected)
    {
        Assert.Equal(D(expected), Calendar.AddBusinessDays(D(start), n));
    }

    [Theory]
    [InlineData("2025-04-01", "2025-04-01")]
    [InlineData("2025-04-05", "2025-04-07")]
    [InlineData("2025-12-27", "2026-01-05")]
    public void NextBusinessDayOnOrAfter(string date, string expected)
    {
        Assert.Equal(D(expected), Calendar.NextBusinessDayOnOrAfter(D(date)));
    }

    [Theory]
    [InlineData("2025-04-01", "2025-04-15", 10)]
    [InlineData("2025-04-01", "2025-04-01", 0)]
    [InlineData("2025-12-26", "2026-01-05", 1)]
    [InlineData("2025-12-26", "2026-01-04", 0)]
    [InlineData("2025-04-15", "2025-04-01", -10)]
    [InlineData("2024-12-31", "2025-12-31", 241)] // 365 − 104 weekend days − 15 weekday holidays − 5 weekday 年末年始 days
    public void CountBusinessDays(string fromExclusive, string toInclusive, int expected)
    {
        Assert.Equal(expected, Calendar.CountBusinessDays(D(fromExclusive), D(toInclusive)));
    }

    [Fact]
    public void HolidaysFor_merges_national_holidays_and_city_closures()
    {
        var calendar = new BusinessCalendar(extraClosedDates: [D("2025-06-02"), D("2025-05-05")]);

        var holidays = calendar.HolidaysFor(2025);

        Assert.Equal(19 + 5 + 1, holidays.Count); // 19 national + 1/2, 1/3, 12/29–12/31 + 6/2
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Equal(holidays.Count, holidays.Select(h => h.Date).Distinct().Count());
        Assert.Equal(new Holiday(D("2025-01-01"), "元日", HolidayKind.National), holidays[0]);
        Assert.Equal(new Holiday(D("2025-01-02"), "年末年始", HolidayKind.City), holidays[1]);
        Assert.Equal(new Holiday(D("2025-01-03"), "年末年始", HolidayKind.City), holidays[2]);
        Assert.Contains(new Holiday(D("2025-05-05"), "こどもの日", HolidayKind.National), holidays);
        Assert.Contains(new Holiday(D("2025-06-02"), BusinessCalendar.ExtraClosureName, HolidayKind.City), holidays);
        Assert.Equal(new Holiday(D("2025-12-31"), "年末年始", HolidayKind.City), holidays[^1]);
    }

    [Fact]
    public void Closure_on_february_29_applies_only_in_leap_years()
    {
        var calendar = new BusinessCalendar([new AnnualClosure(2, 29, "閏日")]);

        Assert.Contains(calendar.HolidaysFor(2028), h => h.Date == D("2028-02-29"));
        Assert.DoesNotContain(calendar.HolidaysFor(2027), h => h.Date.Month == 2 && h.Kind == HolidayKind.City);
        Assert.False(calendar.IsBusinessDay(D("2028-02-29")));
    }

    [Fact]
    public void Invalid_arguments_throw()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar([new AnnualClosure(2, 30, "x")]));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar([new AnnualClosure(13, 1, "x")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessCalendar(extraClosedDates: [D("2100-01-04")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddBusinessDays(D("2025-04-01"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddBusinessDays(D("2099-12-30"), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.IsBusinessDay(D("1954-12-31")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.CountBusinessDays(D("2025-01-01"), D("2100-01-01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.HolidaysFor(2100));
    }

    [Fact]
    public void Count_matches_a_day_by_day_count()
    {
        var start = D("2018-12-01");
        for (var from = start; from < start.AddDays(800); from = from.AddDays(1))
        {
            var naive = 0;
            for (var k = 1; k <= 45; k++)
            {
                var date = from.AddDays(k);
                var isOpen = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
                    && !JapaneseHolidays.IsHoliday(date)
                    && !(date.Month == 12 && date.Day >= 29) && !(date.Month == 1 && date.Day <= 3);
                naive += isOpen ? 1 : 0;
                Assert.Equal(isOpen, Calendar.IsBusinessDay(date));
                Assert.Equal(naive, Calendar.CountBusinessDays(from, date));
            }
        }
    }

    [Fact]
    public void Add_and_Count_are_inverse_and_Add_is_monotone_over_20_years()
    {
        int[] ns = [0, 1, 2, 3, 5, 10, 20, 60];
        var first = D("2010-01-01");
        var last = D("2029-12-31");
        var previous = new DateOnly[ns.Length];
        for (var start = first; start <= last; start = start.AddDays(1))
        {
            for (var i = 0; i < ns.Length; i++)
            {
                var result = Calendar.AddBusinessDays(start, ns[i]);

                Assert.Equal(ns[i], Calendar.CountBusinessDays(start, result));
                Assert.True(result >= start);
                if (ns[i] > 0)
                {
                    Assert.True(Calendar.IsBusinessDay(result));
                }

                if (i > 0)
                {
                    Assert.True(result > Calendar.AddBusinessDays(start, ns[i - 1]), $"not increasing in n at {start}");
                }

                if (start > first)
                {
                    Assert.True(result >= previous[i], $"not monotone in start at {start}, n={ns[i]}");
                }

                previous[i] = result;
            }
        }
    }

    [Fact]
    public void One_million_operations_are_fast()
    {
        var calendar = new BusinessCalendar();
        calendar.IsBusinessDay(D("2025-01-06")); // build the table outside the timing
        var stopwatch = Stopwatch.StartNew();
        var start = D("2020-01-01");
        long checksum = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var received = start.AddDays(i % 3650);
            var due = calendar.AddBusinessDays(received, 10);
            checksum += calendar.CountBusinessDays(received, due);
        }

        stopwatch.Stop();
        Assert.Equal(10_000_000, checksum);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
    }
}
