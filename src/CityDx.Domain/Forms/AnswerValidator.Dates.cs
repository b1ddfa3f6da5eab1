using System.Globalization;
using CityDx.Domain.Japanese;

namespace CityDx.Domain.Forms;

/// <summary>Date questions: typed as one value (ISO, 西暦 or 和暦 text) or in parts (元号・年・月・日).</summary>
internal sealed partial class AnswerValidator
{
    private string? DateAnswer(string key)
    {
        if (answers.TryGetValue(key, out var whole) && !string.IsNullOrWhiteSpace(whole))
        {
            return whole;
        }

        var era = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Era))?.Trim();
        var year = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Year))?.Trim();
        var month = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Month))?.Trim();
        var day = answers.GetValueOrDefault(DatePart.Key(key, DatePart.Day))?.Trim();
        if (string.IsNullOrEmpty(year) && string.IsNullOrEmpty(month) && string.IsNullOrEmpty(day))
        {
            return whole;
        }

        // Parts become one text the 和暦/西暦 parser reads, so both paths share its rules and messages.
        return string.IsNullOrEmpty(era) || era == "western"
            ? $"{year}年{month}月{day}日"
            : $"{Wareki.FindEra(era)?.Name ?? era}{year}年{month}月{day}日";
    }

    private FieldError? CheckDate(FormField field, ref string value)
    {
        // The browser's date input sends ISO; a typed 西暦 or 和暦 date (令和7年4月1日, R7.4.1) or parts are accepted too.
        var parsed = Wareki.TryParseDetailed(value, out var date, out var dateError, out var typed);
        if (typed is not null && context is not null && typed.Year > Wareki.LastYear(typed.Era, context.Today))
        {
            // 令和2026年 is a Western year typed with the era left on 令和: say which years the era has.
            return new FieldError(field.Key, "Form.EraYear", new Dictionary<string, object> { ["era"] = typed.Era.Name, ["max"] = Wareki.LastYear(typed.Era, context.Today) });
        }

        if (!parsed)
        {
            return new FieldError(field.Key, "Form.NotADate", new Dictionary<string, object> { ["reason"] = dateError.ToString() });
        }

        value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return context is null ? null : CheckDateRange(field, date, context.Today);
    }

    /// <summary>The question's <see cref="FormField.MinDate"/>/<see cref="FormField.MaxDate"/>, resolved on today's date.</summary>
    private static FieldError? CheckDateRange(FormField field, DateOnly date, DateOnly today)
    {
        DateBound? min = DateBound.TryParse(field.MinDate, out var lower) ? lower : null;
        DateBound? max = DateBound.TryParse(field.MaxDate, out var upper) ? upper : null;
        var first = min?.Resolve(today);
        var last = max?.Resolve(today);
        if ((first is null || date >= first) && (last is null || date <= last))
        {
            return null;
        }

        var code = (min, max) switch
        {
            (null, { IsToday: true }) => "Form.Date.NotFuture",
            ({ IsToday: true }, null) => "Form.Date.NotPast",
            (not null, not null) => "Form.Date.Between",
            (not null, null) => "Form.Date.NotBefore",
            _ => "Form.Date.NotAfter",
        };
        return new FieldError(field.Key, code, new Dictionary<string, object>
        {
            ["min"] = first?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["max"] = last?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        });
    }
}
