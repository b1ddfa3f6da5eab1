using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;
using CityDx.Domain.Statistics;

namespace CityDx.UnitTests.Statistics;

public class PercentilesTests
{
    [Fact]
    public void The_median_and_90th_percentile_are_read_from_a_histogram_by_nearest_rank()
    {
        (int, long)[] days = [(1, 1), (3, 1), (5, 3), (10, 1)]; // 1, 3, 5, 5, 5, 10
        Assert.Equal(5, Percentiles.Of(days, 0.5));
        Assert.Equal(10, Percentiles.Of(days, 0.9));
        Assert.Equal(2, Percentiles.Of([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5));
        Assert.Null(Percentiles.Of([], 0.5));
    }

    [Fact]
    public void An_online_filing_saves_the_difference_of_the_staff_minutes_and_never_less_than_nothing()
    {
        var standard = new StaffTimeStandard(Guid.NewGuid());
        standard.Set(30, 10, new DateOnly(2026, 10, 1), "admin", DateTimeOffset.UnixEpoch);
        Assert.Equal(20, standard.SavedMinutesPerOnlineFiling);
        Assert.Equal(2m, standard.HoursSaved(6));
        standard.Set(5, 10, null, "admin", DateTimeOffset.UnixEpoch);
        Assert.Equal(0, standard.SavedMinutesPerOnlineFiling);
        Assert.Throws<DomainRuleException>(() => standard.Set(1441, 0, null, "admin", DateTimeOffset.UnixEpoch));
    }
}
