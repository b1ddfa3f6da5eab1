using CityDx.Domain.Japanese;
using Microsoft.Extensions.Options;

namespace CityDx.Web;

/// <summary>How Japanese pages write a date: 和暦 (令和8年4月1日), 西暦 (2026年4月1日) or both (令和8年(2026年)4月1日).</summary>
public enum DateStyle
{
    Both = 0,
    Wareki = 1,
    Western = 2,
}

/// <summary>The city's choice of <see cref="DateStyle"/> ("Display:DateStyle"; default both). English pages always use the Western calendar.</summary>
public sealed class DateDisplayOptions
{
    public const string Section = "Display";

    public DateStyle DateStyle { get; set; } = DateStyle.Both;
}

/// <summary>
/// Carries the configured <see cref="DateStyle"/> to <see cref="Display"/> for the request, as the request culture is
/// carried to it, so every page that writes a date follows the one setting.
/// </summary>
public static class DateDisplay
{
    private static readonly AsyncLocal<DateStyle?> Current = new();

    public static DateStyle Style => Current.Value ?? DateStyle.Both;

    /// <summary>Writes a date in Japanese in the given style; dates before 明治 have no era and are written in 西暦.</summary>
    public static string Japanese(DateOnly date, DateStyle style)
    {
        var western = $"{date.Year}年{date.Month}月{date.Day}日";
        if (style == DateStyle.Western || date < Wareki.Eras[0].Start)
        {
            return western;
        }

        var era = Wareki.ToEra(date);
        return style == DateStyle.Wareki
            ? era.ToString()
            : $"{era.Era.Name}{(era.Year == 1 ? "元" : era.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))}年({date.Year}年){date.Month}月{date.Day}日";
    }

    public static IServiceCollection AddDateDisplay(this IServiceCollection services)
    {
        services.AddOptions<DateDisplayOptions>().BindConfiguration(DateDisplayOptions.Section)
            .Validate(o => Enum.IsDefined(o.DateStyle), "Display:DateStyle must be Both, Wareki or Western.").ValidateOnStart();
        return services;
    }

    public static IApplicationBuilder UseDateDisplay(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        Current.Value = context.RequestServices.GetRequiredService<IOptions<DateDisplayOptions>>().Value.DateStyle;
        return next(context);
    });
}
