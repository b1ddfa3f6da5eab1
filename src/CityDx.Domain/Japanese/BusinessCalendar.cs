namespace CityDx.Domain.Japanese;

/// <summary>A closure of the city office that repeats every year on the same month/day.</summary>
/// <param name="Month">1–12.</param>
/// <param name="Day">1–31 (valid for the month; 2/29 applies only in leap years).</param>
/// <param name="Name">Name shown to residents, e.g. 年末年始.</param>
public sealed record AnnualClosure(int Month, int Day, string Name);

/// <summary>
/// Business days of the city office: not Saturday/Sunday, not a Japanese national holiday
/// (祝日, 振替休日, 国民の休日) and not a city closure (annual closures such as 年末年始, plus extra
/// specific closed dates). Supports dates in <see cref="JapaneseHolidays.MinYear"/>–<see cref="JapaneseHolidays.MaxYear"/>;
/// anything outside throws <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
/// <remarks>
/// The whole supported range (~53,000 days) is tabulated lazily on first use, so every operation
/// afterwards is O(1) (or O(number of holidays in a year) for <see cref="HolidaysFor"/>).
/// Instances are immutable and thread-safe; create one per city configuration and share it.
/// </remarks>
public sealed class BusinessCalendar
{
    /// <summary>Name used for <c>extraClosedDates</c>.</summary>
    public const string ExtraClosureName = "臨時閉庁日";

    private static readonly DateOnly FirstDay = new(JapaneseHolidays.MinYear, 1, 1);
    private static readonly DateOnly LastDay = new(JapaneseHolidays.MaxYear, 12, 31);

    private readonly AnnualClosure[] _annualClosures;
    private readonly HashSet<DateOnly> _extraClosedDates;
    private readonly Lazy<Table> _table;
    private readonly IReadOnlyList<Holiday>?[] _holidaysByYear =
        new IReadOnlyList<Holiday>?[JapaneseHolidays.MaxYear - JapaneseHolidays.MinYear + 1];

    /// <summary>The default city closures: 12/29–1/3 年末年始.</summary>
    public static IReadOnlyList<AnnualClosure> DefaultAnnualClosures { get; } =
    [
        new(12, 29, "年末年始"),
        new(12, 30, "年末年始"),
        new(12, 31, "年末年始"),
        new(1, 1, "年末年始"),
        new(1, 2, "年末年始"),
        new(1, 3, "年末年始"),
    ];

    /// <summary>Creates a calendar.</summary>
    /// <param name="annualClosures">Recurring closures; <see langword="null"/> means <see cref="DefaultAnnualClosures"/>
    /// (pass an empty list for none).</param>
    /// <param name="extraClosedDates">One-off closed dates (named <see cref="ExtraClosureName"/>).</param>
    public BusinessCalendar(IEnumerable<AnnualClosure>? annualClosures = null, IEnumerable<DateOnly>? extraClosedDates = null)
    {
        _annualClosures = [.. annualClosures ?? DefaultAnnualClosures];
        foreach (var closure in _annualClosures)
        {
            // Validate against a leap year so that 2/29 is allowed.
            if (closure.Month is < 1 or > 12 || closure.Day < 1 || closure.Day > DateTime.DaysInMonth(2000, closure.Month))
            {
                throw new ArgumentException($"Invalid annual closure {closure.Month}/{closure.Day}.", nameof(annualClosures));
            }
        }

        _extraClosedDates = [.. extraClosedDates ?? []];
        foreach (var date in _extraClosedDates)
        {
            ThrowIfUnsupported(date, nameof(extraClosedDates));
        }

        _table = new Lazy<Table>(BuildTable);
    }

    /// <summary>Whether the city office is open on <paramref name="date"/>.</summary>
    public bool IsBusinessDay(DateOnly date)
    {
        ThrowIfUnsupported(date, nameof(date));
        return _table.Value.IsBusinessDay(date);
    }

    /// <summary>
    /// The <paramref name="n"/>-th business day after <paramref name="start"/>: the earliest date <c>d ≥ start</c>
    /// with <c>CountBusinessDays(start, d) == n</c>.
    /// </summary>
    /// <remarks>
    /// <paramref name="start"/> itself is never counted, whether or not it is a business day.
    /// <c>n = 0</c> therefore returns <paramref name="start"/> unchanged (even on a holiday) so that
    /// <c>CountBusinessDays(start, AddBusinessDays(start, n)) == n</c> always holds.
    /// To move a date onto a business day use <see cref="NextBusinessDayOnOrAfter"/>.
    /// Example: a deadline "10 business days after receipt" is <c>AddBusinessDays(receipt, 10)</c>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative, or the date is outside the supported range.</exception>
    public DateOnly AddBusinessDays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ThrowIfUnsupported(start, nameof(start));
        if (n == 0)
        {
            return start;
        }

        var table = _table.Value;
        var index = table.BusinessDaysUpTo(start) + n - 1;
        if (index >= table.BusinessDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "The result would be after the supported range.");
        }

        return table.BusinessDays[index];
    }

    /// <summary><paramref name="date"/> if it is a business day, otherwise the next business day.</summary>
    public DateOnly NextBusinessDayOnOrAfter(DateOnly date) =>
        IsBusinessDay(date) ? date : AddBusinessDays(date, 1);

    /// <summary>
    /// Number of business days <c>d</c> with <paramref name="fromExclusive"/> &lt; d ≤ <paramref name="toInclusive"/>.
    /// If <paramref name="toInclusive"/> is before <paramref name="fromExclusive"/> the result is the negated count
    /// of the reversed interval, so <c>Count(a, b) == -Count(b, a)</c>.
    /// </summary>
    public int CountBusinessDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        ThrowIfUnsupported(fromExclusive, nameof(fromExclusive));
        ThrowIfUnsupported(toInclusive, nameof(toInclusive));
        var table = _table.Value;
        return table.BusinessDaysUpTo(toInclusive) - table.BusinessDaysUpTo(fromExclusive);
    }

    /// <summary>
    /// National holidays of <paramref name="year"/> merged with the city closures (kind <see cref="HolidayKind.City"/>),
    /// sorted by date, one entry per date. A national holiday inside a city closure keeps its national entry.
    /// Weekends are not listed (a closure falling on a weekend is listed, as it is still a closure).
    /// </summary>
    public IReadOnlyList<Holiday> HolidaysFor(int year)
    {
        JapaneseHolidays.ThrowIfUnsupported(year);
        return _holidaysByYear[year - JapaneseHolidays.MinYear] ??= ComputeHolidays(year).AsReadOnly();
    }

    private List<Holiday> ComputeHolidays(int year)
    {
        var byDate = new SortedDictionary<DateOnly, Holiday>();
        foreach (var holiday in JapaneseHolidays.For(year))
        {
            byDate[holiday.Date] = holiday;
        }

        foreach (var closure in _annualClosures)
        {
            if (closure.Day <= DateTime.DaysInMonth(year, closure.Month))
            {
                var date = new DateOnly(year, closure.Month, closure.Day);
                byDate.TryAdd(date, new Holiday(date, closure.Name, HolidayKind.City));
            }
        }

        foreach (var date in _extraClosedDates)
        {
            if (date.Year == year)
            {
                byDate.TryAdd(date, new Holiday(date, ExtraClosureName, HolidayKind.City));
            }
        }

        return [.. byDate.Values];
    }

    private Table BuildTable()
    {
        var dayCount = LastDay.DayNumber - FirstDay.DayNumber + 1;
        var isClosed = new bool[dayCount];
        for (var year = JapaneseHolidays.MinYear; year <= JapaneseHolidays.MaxYear; year++)
        {
            foreach (var holiday in HolidaysFor(year))
            {
                isClosed[holiday.Date.DayNumber - FirstDay.DayNumber] = true;
            }
        }

        // upTo[i] = business days in [FirstDay, FirstDay + i]; businessDays lists them in order.
        var upTo = new int[dayCount];
        var businessDays = new List<DateOnly>(dayCount * 2 / 3);
        for (var i = 0; i < dayCount; i++)
        {
            var date = FirstDay.AddDays(i);
            if (!isClosed[i] && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                businessDays.Add(date);
            }

            upTo[i] = businessDays.Count;
        }

        return new Table(upTo, [.. businessDays]);
    }

    private static void ThrowIfUnsupported(DateOnly date, string paramName)
    {
        if (date < FirstDay || date > LastDay)
        {
            throw new ArgumentOutOfRangeException(paramName, date, $"Only dates in {FirstDay:yyyy-MM-dd}–{LastDay:yyyy-MM-dd} are supported.");
        }
    }

    private sealed class Table(int[] businessDaysUpTo, DateOnly[] businessDays)
    {
        public DateOnly[] BusinessDays { get; } = businessDays;

        public int BusinessDaysUpTo(DateOnly date) => businessDaysUpTo[date.DayNumber - FirstDay.DayNumber];

        public bool IsBusinessDay(DateOnly date)
        {
            var i = date.DayNumber - FirstDay.DayNumber;
            var before = i == 0 ? 0 : businessDaysUpTo[i - 1];
            return businessDaysUpTo[i] > before;
        }
    }
}
