namespace CityDx.Domain.Cases;

/// <summary>How an application reached the city: the dashboard's online rate depends on it.</summary>
public enum Channel
{
    Online = 0,
    Counter = 1,
    Mail = 2,
}
