using System.ComponentModel.DataAnnotations;

namespace CityDx.Application.Cases;

/// <summary>Queue settings (section "Queue").</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>A case due within this many business days is shown as due soon.</summary>
    [Range(0, 60, ErrorMessage = "Queue:DueSoonBusinessDays must be between {1} and {2}.")]
    public int DueSoonBusinessDays { get; set; } = 3;

    /// <summary>Rows per queue page.</summary>
    [Range(1, 500, ErrorMessage = "Queue:PageSize must be between {1} and {2}.")]
    public int PageSize { get; set; } = 50;

    /// <summary>The most cases one batch action (一括処理) may touch, including "all matching the filter".</summary>
    [Range(1, 10_000, ErrorMessage = "Queue:BatchLimit must be between {1} and {2}.")]
    public int BatchLimit { get; set; } = 1000;

    /// <summary>The most rows one CSV export may stream.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Queue:ExportLimit must be between {1} and {2}.")]
    public int ExportLimit { get; set; } = 200_000;

    /// <summary>Seconds a node keeps a queue view's counts per state and colleagues (0: counted on every view).</summary>
    [Range(0, 300, ErrorMessage = "Queue:CountsCacheSeconds must be between {1} and {2}.")]
    public int CountsCacheSeconds { get; set; } = 10;

    /// <summary>Seconds a node keeps procedures' names and workflows and units' names for queue views (0: read on every view).</summary>
    [Range(0, 300, ErrorMessage = "Queue:ReferenceCacheSeconds must be between {1} and {2}.")]
    public int ReferenceCacheSeconds { get; set; } = 30;

    /// <summary>Roles allowed the personal columns of a CSV export (name, フリガナ, answers).</summary>
    public string[] PersonalDataRoles { get; set; } = ["Approver"];

    /// <summary>Minutes between two runs of the SLA escalation job (hourly is enough for a rule counted in business days).</summary>
    [Range(1, 1440, ErrorMessage = "Queue:EscalateEveryMinutes must be between {1} and {2}.")]
    public int EscalateEveryMinutes { get; set; } = 60;
}
