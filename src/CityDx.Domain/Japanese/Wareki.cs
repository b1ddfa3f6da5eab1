using System.Globalization;
using System.Text;

namespace CityDx.Domain.Japanese;

/// <summary>A Japanese era (元号).</summary>
/// <param name="Name">Kanji name, e.g. 令和.</param>
/// <param name="Letter">Romaji initial used in forms, e.g. R.</param>
/// <param name="Start">First day of the era.</param>
/// <param name="End">Last day of the era, or <see langword="null"/> for the current era.</param>
public sealed record Era(string Name, char Letter, DateOnly Start, DateOnly? End)
{
    /// <summary>Whether <paramref name="date"/> belongs to this era.</summary>
    public bool Contains(DateOnly date) => date >= Start && (End is null || date <= End);
}

/// <summary>A date expressed in an era: 令和7年4月1日 is (令和, 7, 4, 1).</summary>
public sealed record EraDate(Era Era, int Year, int Month, int Day)
{
    /// <summary>"令和7年4月1日"; the first year is written 元年.</summary>
    public override string ToString() => $"{Era.Name}{(Year == 1 ? "元" : Year.ToString(CultureInfo.InvariantCulture))}年{Month}月{Day}日";
}

/// <summary>Why a date input was refused. Use <see cref="ErrorMessages"/> for user-facing text.</summary>
public enum DateInputError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Nothing was entered.</summary>
    Empty,

    /// <summary>The text is not in any accepted format.</summary>
    UnrecognizedFormat,

    /// <summary>The era name is not 明治/大正/昭和/平成/令和 (or M/T/S/H/R).</summary>
    UnknownEra,

    /// <summary>Year 0 or negative (e.g. 令和0年).</summary>
    InvalidYear,

    /// <summary>Month outside 1–12.</summary>
    InvalidMonth,

    /// <summary>Day does not exist in that month (e.g. 2月30日).</summary>
    InvalidDay,

    /// <summary>The date is before the era began (e.g. 令和元年4月30日).</summary>
    BeforeEraStart,

    /// <summary>The date is after the era ended (e.g. 平成31年5月1日).</summary>
    AfterEraEnd,

    /// <summary>The date is before 明治 (1868-01-25) or after 9999-12-31.</summary>
    OutOfRange,
}

/// <summary>
/// Conversion between the Gregorian calendar and 和暦 (Japanese era years).
/// </summary>
/// <remarks>
/// 明治 is taken to start on 1868-01-25 (the Gregorian date of 明治元年1月1日, as 改元 applied retroactively
/// to the start of that year). Japan used the lunisolar calendar until 明治5年12月2日 (1872-12-31), so
/// 明治 dates before 1873 are here the proleptic Gregorian reading (明治N年 = 1867 + N), which is what
/// residents' records and most systems use; they do not convert lunisolar month/day values.
/// </remarks>
public static class Wareki
{
    /// <summary>The supported eras, oldest first.</summary>
    public static IReadOnlyList<Era> Eras { get; } =
    [
        new("明治", 'M', new DateOnly(1868, 1, 25), new DateOnly(1912, 7, 29)),
        new("大正", 'T', new DateOnly(1912, 7, 30), new DateOnly(1926, 12, 24)),
        new("昭和", 'S', new DateOnly(1926, 12, 25), new DateOnly(1989, 1, 7)),
        new("平成", 'H', new DateOnly(1989, 1, 8), new DateOnly(2019, 4, 30)),
        new("令和", 'R', new DateOnly(2019, 5, 1), null),
    ];

    /// <summary>The era date of <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 明治 (1868-01-25).</exception>
    public static EraDate ToEra(DateOnly date)
    {
        for (var i = Eras.Count - 1; i >= 0; i--)
        {
            var era = Eras[i];
            if (era.Contains(date))
            {
                return new EraDate(era, date.Year - era.Start.Year + 1, date.Month, date.Day);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(date), date, "Dates before 明治 (1868-01-25) have no supported era.");
    }

    /// <summary>"令和7年4月1日" / "令和元年5月1日".</summary>
    public static string Format(DateOnly date) => ToEra(date).ToString();

    /// <summary>Finds an era by kanji name (令和) or letter (R, r), or <see langword="null"/>.</summary>
    public static Era? FindEra(string? nameOrLetter)
    {
        var key = nameOrLetter?.Normalize(NormalizationForm.FormKC).Trim();
        foreach (var era in Eras)
        {
            if (key == era.Name || (key?.Length == 1 && char.ToUpperInvariant(key[0]) == era.Letter))
            {
                return era;
            }
        }

        return null;
    }

    /// <summary>
    /// Converts separate form inputs (元号, 年, 月, 日) to a date.
    /// <paramref name="error"/> is a Japanese message for the resident (see <see cref="TryFromEraDetailed"/> for the code).
    /// </summary>
    public static bool TryFromEra(string eraName, int eraYear, int month, int day, out DateOnly date, out string? error)
    {
        var ok = TryFromEraDetailed(eraName, eraYear, month, day, out date, out var code);
        error = ok ? null : ErrorMessages.Ja(code);
        return ok;
    }

    /// <summary>As <see cref="TryFromEra"/>, returning the error code.</summary>
    public static bool TryFromEraDetailed(string eraName, int eraYear, int month, int day, out DateOnly date, out DateInputError error)
    {
        date = default;
        var era = FindEra(eraName);
        if (era is null)
        {
            error = DateInputError.UnknownEra;
            return false;
        }

        if (eraYear < 1)
        {
            error = DateInputError.InvalidYear;
            return false;
        }

        return TryCreate(era.Start.Year + eraYear - 1, month, day, era, out date, out error);
    }

    /// <summary>
    /// Parses a date typed by a resident. Accepted (full-width digits/letters and spaces are fine):
    /// 和暦 "令和7年4月1日", "令和元年5月1日", "R7.4.1", "R7/4/1", "R7-4-1", "令和7.4.1";
    /// 西暦 "2025-04-01", "2025/4/1", "2025.4.1", "2025年4月1日".
    /// <paramref name="error"/> is a Japanese message for the resident (see <see cref="TryParseDetailed"/> for the code).
    /// </summary>
    public static bool TryParse(string? input, out DateOnly date, out string? error)
    {
        var ok = TryParseDetailed(input, out date, out var code);
        error = ok ? null : ErrorMessages.Ja(code);
        return ok;
    }

    /// <summary>As <see cref="TryParse"/>, returning the error code.</summary>
    public static bool TryParseDetailed(string? input, out DateOnly date, out DateInputError error) =>
        TryParseDetailed(input, out date, out error, out _);

    /// <summary>
    /// As <see cref="TryParse"/>, returning the error code and, when the text named an era, the era and year as typed
    /// (also when the date itself was refused, so a caller can say that 令和2026年 is not a 令和 year).
    /// </summary>
    public static bool TryParseDetailed(string? input, out DateOnly date, out DateInputError error, out EraDate? typed)
    {
        date = default;
        typed = null;

        // NFKC turns full-width digits/letters/punctuation into ASCII (and ㋿ into 令和).
        var text = RemoveSpaces((input ?? "").Normalize(NormalizationForm.FormKC));
        if (text.Length == 0)
        {
            error = DateInputError.Empty;
            return false;
        }

        Era? era = null;
        var pos = 0;
        if (char.IsAsciiLetter(text[0]))
        {
            era = FindEra(text[..1]);
            pos = 1;
        }
        else if (!char.IsAsciiDigit(text[0]))
        {
            var nameEnd = 0;
            while (nameEnd < text.Length && !char.IsAsciiDigit(text[nameEnd]) && text[nameEnd] != '元')
            {
                nameEnd++;
            }

            era = FindEra(text[..nameEnd]);
            pos = nameEnd;
        }

        if (era is null && pos > 0)
        {
            error = DateInputError.UnknownEra;
            return false;
        }

        if (!TryReadDateParts(text, pos, allowGannen: era is not null, out var year, out var month, out var day))
        {
            error = DateInputError.UnrecognizedFormat;
            return false;
        }

        if (era is null)
        {
            return TryCreate(year, month, day, null, out date, out error);
        }

        typed = new EraDate(era, year, month, day);
        if (year < 1)
        {
            error = DateInputError.InvalidYear;
            return false;
        }

        return TryCreate(era.Start.Year + year - 1, month, day, era, out date, out error);
    }

    /// <summary>Years the current era is allowed to run ahead of today (for dates in the near future: expiry, moving).</summary>
    public const int CurrentEraYearsAhead = 10;

    /// <summary>
    /// The last year of <paramref name="era"/> a date may be typed in: 明治45, 大正15, 昭和64, 平成31, and for the
    /// current era today's year plus <see cref="CurrentEraYearsAhead"/>.
    /// </summary>
    public static int LastYear(Era era, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(era);
        var lastWesternYear = era.End?.Year ?? today.Year + CurrentEraYearsAhead;
        return lastWesternYear - era.Start.Year + 1;
    }

    /// <summary>
    /// Reads "Y年M月D日" (日 optional) or "Y.M.D" with one of . / - used twice. Y may be 元 for 和暦.
    /// </summary>
    private static bool TryReadDateParts(string text, int pos, bool allowGannen, out int year, out int month, out int day)
    {
        month = day = 0;
        if (allowGannen && pos < text.Length && text[pos] == '元')
        {
            year = 1;
            pos++;
        }
        else if (!TryReadNumber(text, ref pos, out year))
        {
            return false;
        }

        if (pos >= text.Length)
        {
            return false;
        }

        var kanjiStyle = text[pos] == '年';
        var separator = text[pos];
        if (!kanjiStyle && separator is not ('.' or '/' or '-'))
        {
            return false;
        }

        pos++;
        if (!TryReadNumber(text, ref pos, out month) || pos >= text.Length || text[pos] != (kanjiStyle ? '月' : separator))
        {
            return false;
        }

        pos++;
        if (!TryReadNumber(text, ref pos, out day))
        {
            return false;
        }

        if (kanjiStyle && pos < text.Length && text[pos] == '日')
        {
            pos++;
        }

        return pos == text.Length;
    }

    private static bool TryReadNumber(string text, ref int pos, out int value)
    {
        value = 0;
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]) && pos - start < 5)
        {
            value = (value * 10) + (text[pos] - '0');
            pos++;
        }

        return pos > start && (pos == text.Length || !char.IsAsciiDigit(text[pos]));
    }

    private static bool TryCreate(int year, int month, int day, Era? era, out DateOnly date, out DateInputError error)
    {
        date = default;
        if (month is < 1 or > 12)
        {
            error = DateInputError.InvalidMonth;
            return false;
        }

        if (year is < 1 or > 9999)
        {
            error = DateInputError.OutOfRange;
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = DateInputError.InvalidDay;
            return false;
        }

        var candidate = new DateOnly(year, month, day);
        if (era is not null && candidate < era.Start)
        {
            error = DateInputError.BeforeEraStart;
            return false;
        }

        if (era?.End is { } end && candidate > end)
        {
            error = DateInputError.AfterEraEnd;
            return false;
        }

        if (candidate < Eras[0].Start)
        {
            error = DateInputError.OutOfRange;
            return false;
        }

        date = candidate;
        error = DateInputError.None;
        return true;
    }

    private static string RemoveSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
