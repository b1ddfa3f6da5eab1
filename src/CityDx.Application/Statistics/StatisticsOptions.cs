using System.ComponentModel.DataAnnotations;
using CityDx.Domain.Statistics;

namespace CityDx.Application.Statistics;

/// <summary>Dashboard roll-ups and open statistics (section "Statistics").</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Statistics";

    /// <summary>Published counts above zero and below this are suppressed (with complementary suppression).</summary>
    [Range(1, 1000, ErrorMessage = "Statistics:SuppressionThreshold must be between {1} and {2}.")]
    public int SuppressionThreshold { get; set; } = SmallCellSuppression.DefaultThreshold;

    /// <summary>Minutes between roll-up refreshes (the dashboard's 集計時点 is at most this old plus a run).</summary>
    [Range(1, 1440, ErrorMessage = "Statistics:RefreshEveryMinutes must be between {1} and {2}.")]
    public int RefreshEveryMinutes { get; set; } = 10;

    /// <summary>The most months one open-statistics request may cover.</summary>
    [Range(1, 120, ErrorMessage = "Statistics:MaxMonths must be between {1} and {2}.")]
    public int MaxMonths { get; set; } = 36;

    /// <summary>
    /// Seconds a node keeps a dashboard built for a scope and filter (0: built on every view). A new
    /// roll-up run is shown at once whatever this says; it bounds the age of the live figures
    /// (backlog, overdue now).
    /// </summary>
    [Range(0, 3600, ErrorMessage = "Statistics:DashboardCacheSeconds must be between {1} and {2}.")]
    public int DashboardCacheSeconds { get; set; } = 30;
}
