using CityDx.Application.Resources;
using CityDx.Domain.Japanese;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Calendar;

/// <summary>
/// The days the city is closed in a year: national holidays (祝日法, 1955–2099), 振替休日,
/// 国民の休日 and the city's own closed days, sorted by date.
/// </summary>
public static class ListHolidays
{
    public sealed record Query(int Year) : IQuery<IReadOnlyList<Item>>;

    /// <param name="Date">YYYY-MM-DD.</param>
    /// <param name="Name">Japanese name of the day.</param>
    /// <param name="Kind">national, substitute (振替休日), citizens (国民の休日) or city (the city's own closed day).</param>
    public sealed record Item(string Date, string Name, string Kind);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(q => q.Year).InclusiveBetween(JapaneseHolidays.MinYear, JapaneseHolidays.MaxYear)
                .WithMessage(_ => l["Calendar.YearOutOfRange"].Fill(("min", JapaneseHolidays.MinYear), ("max", JapaneseHolidays.MaxYear)));
    }

    public sealed class Handler(BusinessCalendar calendar) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<Item>>(calendar.HolidaysFor(query.Year)
                .Select(h => new Item(h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.Name, h.Kind switch
                {
                    HolidayKind.Substitute => "substitute",
                    HolidayKind.Citizens => "citizens",
                    HolidayKind.City => "city",
                    _ => "national",
                }))
                .ToList());
    }
}
