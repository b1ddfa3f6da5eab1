using System.Globalization;
using CityDx.Domain.Japanese;

namespace CityDx.UnitTests.Japanese;

public class WarekiTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-04-01", "令和7年4月1日")]
    [InlineData("2019-05-01", "令和元年5月1日")]
    [InlineData("2019-12-31", "令和元年12月31日")]
    [InlineData("2020-01-01", "令和2年1月1日")]
    [InlineData("2019-04-30", "平成31年4月30日")]
    [InlineData("1989-01-08", "平成元年1月8日")]
    [InlineData("1989-01-07", "昭和64年1月7日")]
    [InlineData("1926-12-25", "昭和元年12月25日")]
    [InlineData("1926-12-24", "大正15年12月24日")]
    [InlineData("1912-07-30", "大正元年7月30日")]
    [InlineData("1912-07-29", "明治45年7月29日")]
    [InlineData("1868-01-25", "明治元年1月25日")]
    [InlineData("1945-08-15", "昭和20年8月15日")]
    public void Format(string date, string expected)
    {
        Assert.Equal(expected, Wareki.Format(D(date)));
    }

    [Theory]
    [InlineData("2025-04-01", "令和", 'R', 7)]
    [InlineData("2019-05-01", "令和", 'R', 1)]
    [InlineData("2019-04-30", "平成", 'H', 31)]
    [InlineData("1989-01-07", "昭和", 'S', 64)]
    [InlineData("1926-12-24", "大正", 'T', 15)]
    [InlineData("1912-07-29", "明治", 'M', 45)]
    public void ToEra(string date, string eraName, char letter, int year)
    {
        var eraDate = Wareki.ToEra(D(date));

        Assert.Equal(eraName, eraDate.Era.Name);
        Assert.Equal(letter, eraDate.Era.Letter);
        Assert.Equal(year, eraDate.Year);
        Assert.Equal(D(date).Month, eraDate.Month);
        Assert.Equal(D(date).Day, eraDate.Day);
    }

    [Fact]
    public void ToEra_before_meiji_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Wareki.ToEra(D("1868-01-24")));
    }

    [Theory]
    [InlineData("令和7年4月1日", "2025-04-01")]
    [InlineData("令和7年4月1", "2025-04-01")]
    [InlineData("R7.4.1", "2025-04-01")]
    [InlineData("r7.4.1", "2025-04-01")]
    [InlineData("R07.04.01", "2025-04-01")]
    [InlineData("R7/4/1", "2025-04-01")]
    [InlineData("R7-4-1", "2025-04-01")]
    [InlineData("令和7.4.1", "2025-04-01")]
    [InlineData("令和元年5月1日", "2019-05-01")]
    [InlineData("R1.5.1", "2019-05-01")]
    [InlineData("平成31年4月30日", "2019-04-30")]
    [InlineData("H31.4.30", "2019-04-30")]
    [InlineData("平成元年1月8日", "1989-01-08")]
    [InlineData("昭和64年1月7日", "1989-01-07")]
    [InlineData("S20.8.15", "1945-08-15")]
    [InlineData("大正元年7月30日", "1912-07-30")]
    [InlineData("M45.7.29", "1912-07-29")]
    [InlineData("明治元年1月25日", "1868-01-25")]
    [InlineData("令和７年４月１日", "2025-04-01")]
    [InlineData("Ｒ７．４．１", "2025-04-01")]
    [InlineData(" 令和 7 年 4 月 1 日 ", "2025-04-01")]
    [InlineData("　令和７年　４月１日　", "2025-04-01")]
    [InlineData("㋿7年4月1日", "2025-04-01")]
    [InlineData("㍻31年4月30日", "2019-04-30")]
    [InlineData("2025-04-01", "2025-04-01")]
    [InlineData("2025/4/1", "2025-04-01")]
    [InlineData("2025.4.1", "2025-04-01")]
    [InlineData("2025年4月1日", "2025-04-01")]
    [InlineData("２０２５／０４／０１", "2025-04-01")]
    [InlineData("2024/2/29", "2024-02-29")]
    public void TryParse_accepts(string input, string expected)
    {
        Assert.True(Wareki.TryParse(input, out var date, out string? error), error);
        Assert.Equal(D(expected), date);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("平成31年5月1日", DateInputError.AfterEraEnd)]
    [InlineData("H31.5.1", DateInputError.AfterEraEnd)]
    [InlineData("昭和64年1月8日", DateInputError.AfterEraEnd)]
    [InlineData("大正16年1月1日", DateInputError.AfterEraEnd)]
    [InlineData("令和元年4月30日", DateInputError.BeforeEraStart)]
    [InlineData("平成元年1月7日", DateInputError.BeforeEraStart)]
    [InlineData("令和7年2月30日", DateInputError.InvalidDay)]
    [InlineData("令和7年2月29日", DateInputError.InvalidDay)]
    [InlineData("令和7年4月31日", DateInputError.InvalidDay)]
    [InlineData("令和7年4月0日", DateInputError.InvalidDay)]
    [InlineData("2023/2/29", DateInputError.InvalidDay)]
    [InlineData("令和0年1月1日", DateInputError.InvalidYear)]
    [InlineData("R0.5.1", DateInputError.InvalidYear)]
    [InlineData("令和7年13月1日", DateInputError.InvalidMonth)]
    [InlineData("2025-00-10", DateInputError.InvalidMonth)]
    [InlineData("", DateInputError.Empty)]
    [InlineData("　 ", DateInputError.Empty)]
    [InlineData(null, DateInputError.Empty)]
    [InlineData("平静7年4月1日", DateInputError.UnknownEra)]
    [InlineData("X7.4.1", DateInputError.UnknownEra)]
    [InlineData("令和7年4月", DateInputError.UnrecognizedFormat)]
    [InlineData("令和7年4月1日火曜日", DateInputError.UnrecognizedFormat)]
    [InlineData("2025/4-1", DateInputError.UnrecognizedFormat)]
    [InlineData("2025", DateInputError.UnrecognizedFormat)]
    [InlineData("R7.4.1.2", DateInputError.UnrecognizedFormat)]
    [InlineData("2025-04-01T00:00", DateInputError.UnrecognizedFormat)]
    [InlineData("20250401", DateInputError.UnrecognizedFormat)]
    [InlineData("2025年元月1日", DateInputError.UnrecognizedFormat)]
    [InlineData("1868/1/24", DateInputError.OutOfRange)]
    public void TryParse_rejects_with_a_code(string? input, DateInputError expected)
    {
        Assert.False(Wareki.TryParseDetailed(input, out var date, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, date);

        Assert.False(Wareki.TryParse(input, out _, out string? message));
        Assert.Equal(ErrorMessages.Ja(expected), message);
    }

    [Fact]
    public void Heisei_31_may_1_explains_when_heisei_ended()
    {
        Assert.False(Wareki.TryParse("平成31年5月1日", out _, out string? message));
        Assert.False(Wareki.TryParseDetailed("平成31年5月1日", out _, out var code));

        Assert.Contains("平成は2019年4月30日まで", message, StringComparison.Ordinal);
        Assert.Contains("Heisei ended on 2019-04-30", ErrorMessages.En(code), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("令和", 7, 4, 1, "2025-04-01")]
    [InlineData("R", 1, 5, 1, "2019-05-01")]
    [InlineData("ｒ", 6, 2, 29, "2024-02-29")]
    [InlineData("平成", 31, 4, 30, "2019-04-30")]
    [InlineData("昭和", 64, 1, 7, "1989-01-07")]
    [InlineData(" 大正 ", 15, 12, 24, "1926-12-24")]
    public void TryFromEra_accepts(string era, int year, int month, int day, string expected)
    {
        Assert.True(Wareki.TryFromEra(era, year, month, day, out var date, out var error), error);
        Assert.Equal(D(expected), date);
    }

    [Theory]
    [InlineData("平成", 31, 5, 1, DateInputError.AfterEraEnd)]
    [InlineData("令和", 0, 5, 1, DateInputError.InvalidYear)]
    [InlineData("令和", -1, 5, 1, DateInputError.InvalidYear)]
    [InlineData("令和", 7, 2, 29, DateInputError.InvalidDay)]
    [InlineData("令和", 7, 13, 1, DateInputError.InvalidMonth)]
    [InlineData("令和", 7, 0, 1, DateInputError.InvalidMonth)]
    [InlineData("令和", 1, 4, 30, DateInputError.BeforeEraStart)]
    [InlineData("大化", 1, 1, 1, DateInputError.UnknownEra)]
    [InlineData("", 1, 1, 1, DateInputError.UnknownEra)]
    [InlineData("令和", 9000, 1, 1, DateInputError.OutOfRange)]
    public void TryFromEra_rejects(string era, int year, int month, int day, DateInputError expected)
    {
        Assert.False(Wareki.TryFromEraDetailed(era, year, month, day, out _, out var code));
        Assert.Equal(expected, code);
        Assert.False(Wareki.TryFromEra(era, year, month, day, out _, out var message));
        Assert.Equal(ErrorMessages.Ja(expected), message);
    }

    [Fact]
    public void Every_day_since_meiji_round_trips_through_format_and_parse()
    {
        for (var date = D("1868-01-25"); date <= D("2040-12-31"); date = date.AddDays(1))
        {
            var text = Wareki.Format(date);
            Assert.True(Wareki.TryParseDetailed(text, out var parsed, out _), text);
            Assert.Equal(date, parsed);

            var era = Wareki.ToEra(date);
            Assert.True(Wareki.TryFromEraDetailed(era.Era.Letter.ToString(), era.Year, era.Month, era.Day, out var fromParts, out _));
            Assert.Equal(date, fromParts);
        }
    }

    [Fact]
    public void Every_error_code_has_messages_in_both_languages()
    {
        foreach (var code in Enum.GetValues<DateInputError>().Where(c => c != DateInputError.None))
        {
            Assert.False(string.IsNullOrWhiteSpace(ErrorMessages.Ja(code)));
            Assert.False(string.IsNullOrWhiteSpace(ErrorMessages.En(code)));
        }
    }
}
