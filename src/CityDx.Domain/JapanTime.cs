namespace CityDx.Domain;

/// <summary>Japan Standard Time (UTC+9, no daylight saving): the city's dates are JST dates.</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTimeOffset ToJst(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToJst(instant).DateTime);
}
