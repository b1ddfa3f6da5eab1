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

    private static FieldError? CheckDate(FormField field, ref string value)
    {
        // The browser's date input sends ISO; a typed 西暦 or 和暦 date (令和7年4月1日, R7.4.1) or parts are accepted too.
        if (!Wareki.TryParseDetailed(value, out var date, out var dateError))
        {
            return new FieldError(field.Key, "Form.NotADate", new Dictionary<string, object> { ["reason"] = dateError.ToString() });
        }

        value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return null;
    }
}
