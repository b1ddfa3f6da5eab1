namespace CityDx.Domain.Japanese;

/// <summary>
/// National holidays of Japan (国民の祝日に関する法律 and its amendments, plus the special laws for
/// one-off days) for the years <see cref="MinYear"/>–<see cref="MaxYear"/>.
/// </summary>
/// <remarks>
/// <para>Rules implemented:</para>
/// <list type="bullet">
/// <item>Fixed-date and Happy Monday holidays with the years in which each applied (see <see cref="NationalHolidays"/>).</item>
/// <item>春分の日/秋分の日 from the usual approximation formula (the dates are formally announced by the
/// Cabinet each February for the following year; the formula reproduces every announced date since 1955).</item>
/// <item>振替休日: from 1973-04-12 a 祝日 on a Sunday makes the following day a holiday; until 2006 only if that
/// day is not itself a 祝日, from 2007 the nearest following day that is not a 祝日.</item>
/// <item>国民の休日: from 1985-12-27 a day whose previous and next days are both 祝日 is a holiday,
/// unless it is a Sunday or already a 振替休日 (so a Saturday can be one, e.g. 1991-05-04).</item>
/// </list>
/// Results are computed once per year and cached; the returned lists are read-only and shared.
/// </remarks>
public static class JapaneseHolidays
{
    /// <summary>First supported year.</summary>
    public const int MinYear = 1955;

    /// <summary>Last supported year (the equinox formula is only valid up to 2099).</summary>
    public const int MaxYear = 2099;

    private static readonly DateOnly SubstituteHolidayLawStart = new(1973, 4, 12);
    private static readonly DateOnly CitizensHolidayLawStart = new(1985, 12, 27);
    private const int SubstituteToNextNonHolidayFromYear = 2007;

    private static readonly IReadOnlyList<Holiday>?[] Cache = new IReadOnlyList<Holiday>?[MaxYear - MinYear + 1];

    /// <summary>One-off 祝日/休日 created by special laws (皇室の儀式, 改元).</summary>
    private static readonly (DateOnly Date, string Name)[] OneOffHolidays =
    [
        (new DateOnly(1959, 4, 10), "皇太子明仁親王の結婚の儀"),
        (new DateOnly(1989, 2, 24), "昭和天皇の大喪の礼"),
        (new DateOnly(1990, 11, 12), "即位礼正殿の儀"),
        (new DateOnly(1993, 6, 9), "皇太子徳仁親王の結婚の儀"),
        (new DateOnly(2019, 5, 1), "即位の日"),
        (new DateOnly(2019, 10, 22), "即位礼正殿の儀"),
    ];

    /// <summary>All holidays of <paramref name="year"/> (national, 振替休日 and 国民の休日), sorted by date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1955–2099.</exception>
    public static IReadOnlyList<Holiday> For(int year)
    {
        ThrowIfUnsupported(year);
        // A race only computes the same immutable list twice; no lock needed.
        return Cache[year - MinYear] ??= Compute(year).AsReadOnly();
    }

    /// <summary>The holiday on <paramref name="date"/>, or <see langword="null"/> if it is not a holiday.</summary>
    public static Holiday? Find(DateOnly date)
    {
        foreach (var holiday in For(date.Year))
        {
            if (holiday.Date == date)
            {
                return holiday;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="date"/> is a national holiday, 振替休日 or 国民の休日.</summary>
    public static bool IsHoliday(DateOnly date) => Find(date) is not null;

    /// <summary>Throws when <paramref name="year"/> is outside the supported range.</summary>
    internal static void ThrowIfUnsupported(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Japanese holidays are only available for {MinYear}–{MaxYear}.");
        }
    }

    /// <summary>Day of March of 春分の日 (approximation formula, valid 1900–2099).</summary>
    internal static int VernalEquinoxDay(int year) => year <= 1979
        ? (int)(20.8357 + (0.242194 * (year - 1980))) - ((year - 1983) / 4)
        : (int)(20.8431 + (0.242194 * (year - 1980))) - ((year - 1980) / 4);

    /// <summary>Day of September of 秋分の日 (approximation formula, valid 1900–2099).</summary>
    internal static int AutumnalEquinoxDay(int year) => year <= 1979
        ? (int)(23.2588 + (0.242194 * (year - 1980))) - ((year - 1983) / 4)
        : (int)(23.2488 + (0.242194 * (year - 1980))) - ((year - 1980) / 4);

    private static List<Holiday> Compute(int year)
    {
        var national = NationalHolidays(year);
        var result = new List<Holiday>(national.Count + 6);
        foreach (var (date, name) in national)
        {
            result.Add(new Holiday(date, name, HolidayKind.National));
        }

        var substitutes = new HashSet<DateOnly>();
        foreach (var date in national.Keys)
        {
            if (date.DayOfWeek != DayOfWeek.Sunday || date < SubstituteHolidayLawStart)
            {
                continue;
            }

            var next = date.AddDays(1);
            if (year >= SubstituteToNextNonHolidayFromYear)
            {
                while (national.ContainsKey(next))
                {
                    next = next.AddDays(1);
                }
            }
            else if (national.ContainsKey(next))
            {
                continue;
            }

            substitutes.Add(next);
            result.Add(new Holiday(next, "振替休日", HolidayKind.Substitute));
        }

        foreach (var date in national.Keys)
        {
            var candidate = date.AddDays(1);
            if (candidate >= CitizensHolidayLawStart
                && candidate.Year == year
                && national.ContainsKey(candidate.AddDays(1))
                && !national.ContainsKey(candidate)
                && !substitutes.Contains(candidate)
                && candidate.DayOfWeek != DayOfWeek.Sunday)
            {
                result.Add(new Holiday(candidate, "国民の休日", HolidayKind.Citizens));
            }
        }

        result.Sort((a, b) => a.Date.CompareTo(b.Date));
        return result;
    }

    /// <summary>The 国民の祝日 (and one-off days treated as 祝日) of one year, by date.</summary>
    private static SortedDictionary<DateOnly, string> NationalHolidays(int year)
    {
        var days = new SortedDictionary<DateOnly, string>();
        void Fixed(int month, int day, string name) => days[new DateOnly(year, month, day)] = name;
        void NthMonday(int month, int n, string name) => days[NthWeekday(year, month, DayOfWeek.Monday, n)] = name;

        Fixed(1, 1, "元日");

        if (year >= 2000)
        {
            NthMonday(1, 2, "成人の日");
        }
        else
        {
            Fixed(1, 15, "成人の日");
        }

        if (year >= 1967)
        {
            Fixed(2, 11, "建国記念の日");
        }

        Fixed(3, VernalEquinoxDay(year), "春分の日");

        // 4/29: 天皇誕生日 (昭和天皇) → みどりの日 (1989) → 昭和の日 (2007).
        Fixed(4, 29, year <= 1988 ? "天皇誕生日" : year <= 2006 ? "みどりの日" : "昭和の日");

        Fixed(5, 3, "憲法記念日");
        if (year >= 2007)
        {
            Fixed(5, 4, "みどりの日");
        }

        Fixed(5, 5, "こどもの日");

        switch (year)
        {
            case 2020: Fixed(7, 23, "海の日"); break;
            case 2021: Fixed(7, 22, "海の日"); break;
            case >= 2003: NthMonday(7, 3, "海の日"); break;
            case >= 1996: Fixed(7, 20, "海の日"); break;
            default: break;
        }

        switch (year)
        {
            case 2020: Fixed(8, 10, "山の日"); break;
            case 2021: Fixed(8, 8, "山の日"); break;
            case >= 2016: Fixed(8, 11, "山の日"); break;
            default: break;
        }

        if (year >= 2003)
        {
            NthMonday(9, 3, "敬老の日");
        }
        else if (year >= 1966)
        {
            Fixed(9, 15, "敬老の日");
        }

        Fixed(9, AutumnalEquinoxDay(year), "秋分の日");

        // 体育の日 (1966) → Happy Monday (2000) → renamed スポーツの日 (2020); moved for the Tokyo Olympics.
        switch (year)
        {
            case 2020: Fixed(7, 24, "スポーツの日"); break;
            case 2021: Fixed(7, 23, "スポーツの日"); break;
            case >= 2020: NthMonday(10, 2, "スポーツの日"); break;
            case >= 2000: NthMonday(10, 2, "体育の日"); break;
            case >= 1966: Fixed(10, 10, "体育の日"); break;
            default: break;
        }

        Fixed(11, 3, "文化の日");
        Fixed(11, 23, "勤労感謝の日");

        // 天皇誕生日 follows the reigning emperor: 12/23 (平成), none in 2019, 2/23 (令和).
        if (year is >= 1989 and <= 2018)
        {
            Fixed(12, 23, "天皇誕生日");
        }
        else if (year >= 2020)
        {
            Fixed(2, 23, "天皇誕生日");
        }

        foreach (var (date, name) in OneOffHolidays)
        {
            if (date.Year == year)
            {
                days[date] = name;
            }
        }

        return days;
    }

    private static DateOnly NthWeekday(int year, int month, DayOfWeek dayOfWeek, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)dayOfWeek - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }
}
