namespace CityDx.Domain.Japanese;

/// <summary>What kind of day off a <see cref="Holiday"/> is.</summary>
public enum HolidayKind
{
    /// <summary>国民の祝日, including the one-off days that special laws made 祝日 (e.g. 即位の日).</summary>
    National,

    /// <summary>振替休日 (a 祝日 fell on a Sunday).</summary>
    Substitute,

    /// <summary>国民の休日 (a day sandwiched between two 祝日).</summary>
    Citizens,

    /// <summary>A closure of the city office itself (e.g. 年末年始), not a national holiday.</summary>
    City,
}

/// <summary>A day off with its Japanese name.</summary>
public sealed record Holiday(DateOnly Date, string Name, HolidayKind Kind);
