using System.Globalization;
using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class JapaneseHolidaysTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // Must-pass examples from the brief.
    [InlineData("2019-05-01", "即位の日", HolidayKind.National)]
    [InlineData("2020-07-24", "スポーツの日", HolidayKind.National)]
    [InlineData("2021-07-23", "スポーツの日", HolidayKind.National)]
    [InlineData("2025-11-24", "振替休日", HolidayKind.Substitute)]
    [InlineData("2026-09-22", "国民の休日", HolidayKind.Citizens)]
    [InlineData("2025-03-20", "春分の日", HolidayKind.National)]
    [InlineData("2025-09-23", "秋分の日", HolidayKind.National)]
    [InlineData("2024-02-12", "振替休日", HolidayKind.Substitute)]
    [InlineData("2006-05-04", "国民の休日", HolidayKind.Citizens)]
    [InlineData("1988-05-04", "国民の休日", HolidayKind.Citizens)]
    // 4/29 renames.
    [InlineData("1988-04-29", "天皇誕生日", HolidayKind.National)]
    [InlineData("1989-04-29", "みどりの日", HolidayKind.National)]
    [InlineData("2006-04-29", "みどりの日", HolidayKind.National)]
    [InlineData("2007-04-29", "昭和の日", HolidayKind.National)]
    [InlineData("2007-05-04", "みどりの日", HolidayKind.National)]
    // 天皇誕生日 follows the emperor.
    [InlineData("1989-12-23", "天皇誕生日", HolidayKind.National)]
    [InlineData("2018-12-23", "天皇誕生日", HolidayKind.National)]
    [InlineData("2020-02-23", "天皇誕生日", HolidayKind.National)]
    // 成人の日 / 体育の日 / スポーツの日.
    [InlineData("1999-01-15", "成人の日", HolidayKind.National)]
    [InlineData("2000-01-10", "成人の日", HolidayKind.National)]
    [InlineData("2025-01-13", "成人の日", HolidayKind.National)]
    [InlineData("1966-10-10", "体育の日", HolidayKind.National)]
    [InlineData("1999-10-10", "体育の日", HolidayKind.National)]
    [InlineData("2000-10-09", "体育の日", HolidayKind.National)]
    [InlineData("2019-10-14", "体育の日", HolidayKind.National)]
    [InlineData("2022-10-10", "スポーツの日", HolidayKind.National)]
    [InlineData("2025-10-13", "スポーツの日", HolidayKind.National)]
    // 海の日 / 敬老の日 / 山の日.
    [InlineData("1996-07-20", "海の日", HolidayKind.National)]
    [InlineData("2002-07-20", "海の日", HolidayKind.National)]
    [InlineData("2003-07-21", "海の日", HolidayKind.National)]
    [InlineData("2020-07-23", "海の日", HolidayKind.National)]
    [InlineData("2021-07-22", "海の日", HolidayKind.National)]
    [InlineData("2025-07-21", "海の日", HolidayKind.National)]
    [InlineData("1966-09-15", "敬老の日", HolidayKind.National)]
    [InlineData("2002-09-15", "敬老の日", HolidayKind.National)]
    [InlineData("2004-09-20", "敬老の日", HolidayKind.National)]
    [InlineData("2016-08-11", "山の日", HolidayKind.National)]
    [InlineData("2020-08-10", "山の日", HolidayKind.National)]
    [InlineData("2021-08-08", "山の日", HolidayKind.National)]
    [InlineData("2021-08-09", "振替休日", HolidayKind.Substitute)]
    [InlineData("1967-02-11", "建国記念の日", HolidayKind.National)]
    // One-off days.
    [InlineData("1959-04-10", "皇太子明仁親王の結婚の儀", HolidayKind.National)]
    [InlineData("1989-02-24", "昭和天皇の大喪の礼", HolidayKind.National)]
    [InlineData("1990-11-12", "即位礼正殿の儀", HolidayKind.National)]
    [InlineData("1993-06-09", "皇太子徳仁親王の結婚の儀", HolidayKind.National)]
    [InlineData("2019-04-30", "国民の休日", HolidayKind.Citizens)]
    [InlineData("2019-05-02", "国民の休日", HolidayKind.Citizens)]
    [InlineData("2019-05-06", "振替休日", HolidayKind.Substitute)]
    [InlineData("2019-10-22", "即位礼正殿の儀", HolidayKind.National)]
    // 振替休日: first one ever, pre-2007 (next day only) and post-2007 (next non-holiday) rules.
    [InlineData("1973-04-30", "振替休日", HolidayKind.Substitute)]
    [InlineData("1987-05-04", "振替休日", HolidayKind.Substitute)]
    [InlineData("1998-05-04", "振替休日", HolidayKind.Substitute)]
    [InlineData("2008-05-06", "振替休日", HolidayKind.Substitute)]
    [InlineData("2009-05-06", "振替休日", HolidayKind.Substitute)]
    [InlineData("2024-09-23", "振替休日", HolidayKind.Substitute)]
    // 国民の休日: Saturdays count too (1991-05-04); 9/22 silver week.
    [InlineData("1991-05-04", "国民の休日", HolidayKind.Citizens)]
    [InlineData("2009-09-22", "国民の休日", HolidayKind.Citizens)]
    [InlineData("2015-09-22", "国民の休日", HolidayKind.Citizens)]
    // Equinoxes across the formula's two ranges.
    [InlineData("1955-09-24", "秋分の日", HolidayKind.National)]
    [InlineData("1960-03-20", "春分の日", HolidayKind.National)]
    [InlineData("1979-09-24", "秋分の日", HolidayKind.National)]
    [InlineData("2012-09-22", "秋分の日", HolidayKind.National)]
    [InlineData("2024-09-22", "秋分の日", HolidayKind.National)]
    public void Known_holidays(string date, string name, HolidayKind kind)
    {
        var holiday = JapaneseHolidays.Find(D(date));

        Assert.Equal(new Holiday(D(date), name, kind), holiday);
        Assert.True(JapaneseHolidays.IsHoliday(D(date)));
    }

    [Theory]
    [InlineData("1973-02-12")] // 2/11 was a Sunday, but the 振替休日 rule started 1973-04-12.
    [InlineData("1969-11-24")]
    [InlineData("1966-02-11")] // 建国記念の日 from 1967.
    [InlineData("1995-07-20")] // 海の日 from 1996.
    [InlineData("2015-08-11")] // 山の日 from 2016.
    [InlineData("2019-12-23")] // no 天皇誕生日 in 2019.
    [InlineData("2019-02-23")]
    [InlineData("2018-02-23")]
    [InlineData("2000-01-15")] // Happy Monday moved 成人の日.
    [InlineData("2000-10-10")]
    [InlineData("2004-09-15")]
    [InlineData("2020-07-20")] // Olympic moves.
    [InlineData("2020-08-11")]
    [InlineData("2020-10-12")]
    [InlineData("2021-07-19")]
    [InlineData("2021-08-11")]
    [InlineData("2021-10-11")]
    [InlineData("1984-05-04")] // 国民の休日 law is from 1985-12-27.
    [InlineData("2006-05-06")] // a plain Saturday after Golden Week.
    [InlineData("1997-05-04")] // a Sunday is not a 国民の休日.
    [InlineData("2025-12-29")] // city closures are not national holidays.
    public void Not_holidays(string date)
    {
        Assert.Null(JapaneseHolidays.Find(D(date)));
        Assert.False(JapaneseHolidays.IsHoliday(D(date)));
    }

    [Fact]
    public void Year_2025_is_complete_and_sorted()
    {
        string[] expected =
        [
            "01-01 元日", "01-13 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "02-24 振替休日", "03-20 春分の日",
            "04-29 昭和の日", "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-21 海の日",
            "08-11 山の日", "09-15 敬老の日", "09-23 秋分の日", "10-13 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日",
            "11-24 振替休日",
        ];

        var actual = JapaneseHolidays.For(2025).Select(h => $"{h.Date:MM-dd} {h.Name}");

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Year_2021_has_the_olympic_moves_and_no_autumn_sports_day()
    {
        var actual = JapaneseHolidays.For(2021).Select(h => $"{h.Date:MM-dd} {h.Name}").ToList();

        Assert.Equal(17, actual.Count);
        Assert.Contains("07-22 海の日", actual);
        Assert.Contains("07-23 スポーツの日", actual);
        Assert.Contains("08-08 山の日", actual);
        Assert.Contains("08-09 振替休日", actual);
        Assert.DoesNotContain(actual, h => h.StartsWith("10-", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every holiday date 1955–2027 as published by the Cabinet Office (内閣府「国民の祝日について」syukujitsu.csv).
    /// "*" marks the entries the CSV names 休日 (振替休日 and 国民の休日); 2019-05-01 and 2019-10-22 are listed as
    /// 休日（祝日扱い） there and count as 祝日 here.
    /// </summary>
    private const string CabinetOfficeDates = """
        1955 1/1 1/15 3/21 4/29 5/3 5/5 9/24 11/3 11/23
        1956 1/1 1/15 3/21 4/29 5/3 5/5 9/23 11/3 11/23
        1957 1/1 1/15 3/21 4/29 5/3 5/5 9/23 11/3 11/23
        1958 1/1 1/15 3/21 4/29 5/3 5/5 9/23 11/3 11/23
        1959 1/1 1/15 3/21 4/10 4/29 5/3 5/5 9/24 11/3 11/23
        1960 1/1 1/15 3/20 4/29 5/3 5/5 9/23 11/3 11/23
        1961 1/1 1/15 3/21 4/29 5/3 5/5 9/23 11/3 11/23
        1962 1/1 1/15 3/21 4/29 5/3 5/5 9/23 11/3 11/23
        1963 1/1 1/15 3/21 4/29 5/3 5/5 9/24 11/3 11/23
        1964 1/1 1/15 3/20 4/29 5/3 5/5 9/23 11/3 11/23
        1965 1/1 1/15 3/21 4/29 5/3 5/5 9/23 11/3 11/23
        1966 1/1 1/15 3/21 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1967 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/24 10/10 11/3 11/23
        1968 1/1 1/15 2/11 3/20 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1969 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1970 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1971 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/24 10/10 11/3 11/23
        1972 1/1 1/15 2/11 3/20 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1973 1/1 1/15 2/11 3/21 4/29 4/30* 5/3 5/5 9/15 9/23 9/24* 10/10 11/3 11/23
        1974 1/1 1/15 2/11 3/21 4/29 5/3 5/5 5/6* 9/15 9/16* 9/23 10/10 11/3 11/4* 11/23
        1975 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/24 10/10 11/3 11/23 11/24*
        1976 1/1 1/15 2/11 3/20 4/29 5/3 5/5 9/15 9/23 10/10 10/11* 11/3 11/23
        1977 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1978 1/1 1/2* 1/15 1/16* 2/11 3/21 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1979 1/1 1/15 2/11 2/12* 3/21 4/29 4/30* 5/3 5/5 9/15 9/24 10/10 11/3 11/23
        1980 1/1 1/15 2/11 3/20 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23 11/24*
        1981 1/1 1/15 2/11 3/21 4/29 5/3 5/4* 5/5 9/15 9/23 10/10 11/3 11/23
        1982 1/1 1/15 2/11 3/21 3/22* 4/29 5/3 5/5 9/15 9/23 10/10 10/11* 11/3 11/23
        1983 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23
        1984 1/1 1/2* 1/15 1/16* 2/11 3/20 4/29 4/30* 5/3 5/5 9/15 9/23 9/24* 10/10 11/3 11/23
        1985 1/1 1/15 2/11 3/21 4/29 5/3 5/5 5/6* 9/15 9/16* 9/23 10/10 11/3 11/4* 11/23
        1986 1/1 1/15 2/11 3/21 4/29 5/3 5/5 9/15 9/23 10/10 11/3 11/23 11/24*
        1987 1/1 1/15 2/11 3/21 4/29 5/3 5/4* 5/5 9/15 9/23 10/10 11/3 11/23
        1988 1/1 1/15 2/11 3/20 3/21* 4/29 5/3 5/4* 5/5 9/15 9/23 10/10 11/3 11/23
        1989 1/1 1/2* 1/15 1/16* 2/11 2/24 3/21 4/29 5/3 5/4* 5/5 9/15 9/23 10/10 11/3 11/23 12/23
        1990 1/1 1/15 2/11 2/12* 3/21 4/29 4/30* 5/3 5/4* 5/5 9/15 9/23 9/24* 10/10 11/3 11/12 11/23 12/23 12/24*
        1991 1/1 1/15 2/11 3/21 4/29 5/3 5/4* 5/5 5/6* 9/15 9/16* 9/23 10/10 11/3 11/4* 11/23 12/23
        1992 1/1 1/15 2/11 3/20 4/29 5/3 5/4* 5/5 9/15 9/23 10/10 11/3 11/23 12/23
        1993 1/1 1/15 2/11 3/20 4/29 5/3 5/4* 5/5 6/9 9/15 9/23 10/10 10/11* 11/3 11/23 12/23
        1994 1/1 1/15 2/11 3/21 4/29 5/3 5/4* 5/5 9/15 9/23 10/10 11/3 11/23 12/23
        1995 1/1 1/2* 1/15 1/16* 2/11 3/21 4/29 5/3 5/4* 5/5 9/15 9/23 10/10 11/3 11/23 12/23
        1996 1/1 1/15 2/11 2/12* 3/20 4/29 5/3 5/4* 5/5 5/6* 7/20 9/15 9/16* 9/23 10/10 11/3 11/4* 11/23 12/23
        1997 1/1 1/15 2/11 3/20 4/29 5/3 5/5 7/20 7/21* 9/15 9/23 10/10 11/3 11/23 11/24* 12/23
        1998 1/1 1/15 2/11 3/21 4/29 5/3 5/4* 5/5 7/20 9/15 9/23 10/10 11/3 11/23 12/23
        1999 1/1 1/15 2/11 3/21 3/22* 4/29 5/3 5/4* 5/5 7/20 9/15 9/23 10/10 10/11* 11/3 11/23 12/23
        2000 1/1 1/10 2/11 3/20 4/29 5/3 5/4* 5/5 7/20 9/15 9/23 10/9 11/3 11/23 12/23
        2001 1/1 1/8 2/11 2/12* 3/20 4/29 4/30* 5/3 5/4* 5/5 7/20 9/15 9/23 9/24* 10/8 11/3 11/23 12/23 12/24*
        2002 1/1 1/14 2/11 3/21 4/29 5/3 5/4* 5/5 5/6* 7/20 9/15 9/16* 9/23 10/14 11/3 11/4* 11/23 12/23
        2003 1/1 1/13 2/11 3/21 4/29 5/3 5/5 7/21 9/15 9/23 10/13 11/3 11/23 11/24* 12/23
        2004 1/1 1/12 2/11 3/20 4/29 5/3 5/4* 5/5 7/19 9/20 9/23 10/11 11/3 11/23 12/23
        2005 1/1 1/10 2/11 3/20 3/21* 4/29 5/3 5/4* 5/5 7/18 9/19 9/23 10/10 11/3 11/23 12/23
        2006 1/1 1/2* 1/9 2/11 3/21 4/29 5/3 5/4* 5/5 7/17 9/18 9/23 10/9 11/3 11/23 12/23
        2007 1/1 1/8 2/11 2/12* 3/21 4/29 4/30* 5/3 5/4 5/5 7/16 9/17 9/23 9/24* 10/8 11/3 11/23 12/23 12/24*
        2008 1/1 1/14 2/11 3/20 4/29 5/3 5/4 5/5 5/6* 7/21 9/15 9/23 10/13 11/3 11/23 11/24* 12/23
        2009 1/1 1/12 2/11 3/20 4/29 5/3 5/4 5/5 5/6* 7/20 9/21 9/22* 9/23 10/12 11/3 11/23 12/23
        2010 1/1 1/11 2/11 3/21 3/22* 4/29 5/3 5/4 5/5 7/19 9/20 9/23 10/11 11/3 11/23 12/23
        2011 1/1 1/10 2/11 3/21 4/29 5/3 5/4 5/5 7/18 9/19 9/23 10/10 11/3 11/23 12/23
        2012 1/1 1/2* 1/9 2/11 3/20 4/29 4/30* 5/3 5/4 5/5 7/16 9/17 9/22 10/8 11/3 11/23 12/23 12/24*
        2013 1/1 1/14 2/11 3/20 4/29 5/3 5/4 5/5 5/6* 7/15 9/16 9/23 10/14 11/3 11/4* 11/23 12/23
        2014 1/1 1/13 2/11 3/21 4/29 5/3 5/4 5/5 5/6* 7/21 9/15 9/23 10/13 11/3 11/23 11/24* 12/23
        2015 1/1 1/12 2/11 3/21 4/29 5/3 5/4 5/5 5/6* 7/20 9/21 9/22* 9/23 10/12 11/3 11/23 12/23
        2016 1/1 1/11 2/11 3/20 3/21* 4/29 5/3 5/4 5/5 7/18 8/11 9/19 9/22 10/10 11/3 11/23 12/23
        2017 1/1 1/2* 1/9 2/11 3/20 4/29 5/3 5/4 5/5 7/17 8/11 9/18 9/23 10/9 11/3 11/23 12/23
        2018 1/1 1/8 2/11 2/12* 3/21 4/29 4/30* 5/3 5/4 5/5 7/16 8/11 9/17 9/23 9/24* 10/8 11/3 11/23 12/23 12/24*
        2019 1/1 1/14 2/11 3/21 4/29 4/30* 5/1 5/2* 5/3 5/4 5/5 5/6* 7/15 8/11 8/12* 9/16 9/23 10/14 10/22 11/3 11/4* 11/23
        2020 1/1 1/13 2/11 2/23 2/24* 3/20 4/29 5/3 5/4 5/5 5/6* 7/23 7/24 8/10 9/21 9/22 11/3 11/23
        2021 1/1 1/11 2/11 2/23 3/20 4/29 5/3 5/4 5/5 7/22 7/23 8/8 8/9* 9/20 9/23 11/3 11/23
        2022 1/1 1/10 2/11 2/23 3/21 4/29 5/3 5/4 5/5 7/18 8/11 9/19 9/23 10/10 11/3 11/23
        2023 1/1 1/2* 1/9 2/11 2/23 3/21 4/29 5/3 5/4 5/5 7/17 8/11 9/18 9/23 10/9 11/3 11/23
        2024 1/1 1/8 2/11 2/12* 2/23 3/20 4/29 5/3 5/4 5/5 5/6* 7/15 8/11 8/12* 9/16 9/22 9/23* 10/14 11/3 11/4* 11/23
        2025 1/1 1/13 2/11 2/23 2/24* 3/20 4/29 5/3 5/4 5/5 5/6* 7/21 8/11 9/15 9/23 10/13 11/3 11/23 11/24*
        2026 1/1 1/12 2/11 2/23 3/20 4/29 5/3 5/4 5/5 5/6* 7/20 8/11 9/21 9/22* 9/23 10/12 11/3 11/23
        2027 1/1 1/11 2/11 2/23 3/21 3/22* 4/29 5/3 5/4 5/5 7/19 8/11 9/20 9/23 10/11 11/3 11/23
        """;

    public static TheoryData<int> PublishedYears() => new(Enumerable.Range(1955, 2027 - 1955 + 1));

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void Matches_the_cabinet_office_list(int year)
    {
        var line = CabinetOfficeDates.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith($"{year} ", StringComparison.Ordinal));
        var expected = line.Split(' ').Skip(1);

        var actual = JapaneseHolidays.For(year).Select(h => $"{h.Date.Month}/{h.Date.Day}" + (h.Kind == HolidayKind.National ? "" : "*"));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_supported_year_is_sorted_unique_and_consistent()
    {
        for (var year = JapaneseHolidays.MinYear; year <= JapaneseHolidays.MaxYear; year++)
        {
            var holidays = JapaneseHolidays.For(year);

            Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
            Assert.Equal(holidays.Count, holidays.Select(h => h.Date).Distinct().Count());
            Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
            Assert.Equal(new Holiday(new DateOnly(year, 1, 1), "元日", HolidayKind.National), holidays[0]);
            Assert.All(holidays.Where(h => h.Kind != HolidayKind.National), h => Assert.NotEqual(DayOfWeek.Sunday, h.Date.DayOfWeek));
            Assert.Single(holidays, h => h.Name == "春分の日" && h.Date.Month == 3 && h.Date.Day is 19 or 20 or 21);
            Assert.Single(holidays, h => h.Name == "秋分の日" && h.Date.Month == 9 && h.Date.Day is 21 or 22 or 23 or 24);
        }
    }

    [Theory]
    [InlineData(2030, 3, 20, 9, 23)]
    [InlineData(2050, 3, 20, 9, 23)]
    [InlineData(2099, 3, 20, 9, 23)]
    [InlineData(1955, 3, 21, 9, 24)]
    public void Equinoxes_from_the_formula(int year, int vernalMonth, int vernalDay, int autumnMonth, int autumnDay)
    {
        Assert.Equal(vernalDay, JapaneseHolidays.VernalEquinoxDay(year));
        Assert.Equal(autumnDay, JapaneseHolidays.AutumnalEquinoxDay(year));
        Assert.Equal("春分の日", JapaneseHolidays.Find(new DateOnly(year, vernalMonth, vernalDay))?.Name);
        Assert.Equal("秋分の日", JapaneseHolidays.Find(new DateOnly(year, autumnMonth, autumnDay))?.Name);
    }

    [Theory]
    [InlineData(1954)]
    [InlineData(2100)]
    [InlineData(0)]
    public void Unsupported_years_throw(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.For(year));
    }

    [Fact]
    public void Results_are_cached_and_read_only()
    {
        var first = JapaneseHolidays.For(2030);

        Assert.Same(first, JapaneseHolidays.For(2030));
        Assert.IsNotType<List<Holiday>>(first);
        Assert.True(((ICollection<Holiday>)first).IsReadOnly);
    }
}
