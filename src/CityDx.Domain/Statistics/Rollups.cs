using CityDx.Domain.Cases;

namespace CityDx.Domain.Statistics;

/// <summary>
/// One cell of the daily KPI roll-up: a JST day × procedure × organisation unit × channel. Filing
/// counts are by the day a case was filed (its cohort); decision counts by the day it was decided.
/// Rebuilt whole for a day whenever a case filed or decided that day changes (<c>RefreshKpiRollups</c>).
/// </summary>
public class KpiDay
{
    private KpiDay() { }

    public KpiDay(DateOnly day, Guid procedureId, Guid unitId, Channel channel)
    {
        Day = day;
        Month = MonthKey(day);
        ProcedureId = procedureId;
        UnitId = unitId;
        Channel = channel;
    }

    public DateOnly Day { get; private set; }

    /// <summary>yyyymm of <see cref="Day"/>, so months group the same way on every provider.</summary>
    public int Month { get; private set; }

    public Guid ProcedureId { get; private set; }
    public Guid UnitId { get; private set; }
    public Channel Channel { get; private set; }

    /// <summary>Cases filed this day.</summary>
    public int Filed { get; set; }

    /// <summary>Of the cases filed this day, those that have had at least one correction request (補正依頼).</summary>
    public int CorrectionRequested { get; set; }

    /// <summary>Cases decided this day with an Approved outcome.</summary>
    public int Approved { get; set; }

    public int Rejected { get; set; }
    public int Withdrawn { get; set; }

    /// <summary>Of the approved and rejected cases decided this day, those decided on or before their due date.</summary>
    public int DecidedWithinSla { get; set; }

    /// <summary>Business days from filing to decision, summed over the approved and rejected cases decided this day.</summary>
    public long ProcessingDaysSum { get; set; }

    public static int MonthKey(DateOnly day) => (day.Year * 100) + day.Month;

    public static DateOnly FirstDayOf(int month) => new(month / 100, month % 100, 1);
}

/// <summary>
/// The processing-time histogram of a roll-up cell: how many cases decided (approved or rejected) this
/// day took this many business days. Medians and 90th percentiles are read from the summed histogram.
/// </summary>
public class KpiProcessingDays
{
    private KpiProcessingDays() { }

    public KpiProcessingDays(DateOnly day, Guid procedureId, Guid unitId, Channel channel, int businessDays, int cases)
    {
        Day = day;
        ProcedureId = procedureId;
        UnitId = unitId;
        Channel = channel;
        BusinessDays = businessDays;
        Cases = cases;
    }

    public DateOnly Day { get; private set; }
    public Guid ProcedureId { get; private set; }
    public Guid UnitId { get; private set; }
    public Channel Channel { get; private set; }
    public int BusinessDays { get; private set; }
    public int Cases { get; private set; }
}

/// <summary>The online filing funnel of a procedure by the day drafts were started (JST): started, reached 確認, submitted.</summary>
public class KpiFunnelDay
{
    private KpiFunnelDay() { }

    public KpiFunnelDay(DateOnly day, Guid procedureId, int started, int reachedCheckAnswers, int submitted)
    {
        Day = day;
        ProcedureId = procedureId;
        Started = started;
        ReachedCheckAnswers = reachedCheckAnswers;
        Submitted = submitted;
    }

    public DateOnly Day { get; private set; }
    public Guid ProcedureId { get; private set; }
    public int Started { get; private set; }
    public int ReachedCheckAnswers { get; private set; }
    public int Submitted { get; private set; }
}

/// <summary>Where the roll-up refresh stands: one row. The dashboard shows <see cref="RefreshedAt"/> as 集計時点.</summary>
public class KpiRollupState
{
    public const int SingletonId = 1;

    private KpiRollupState() { }

    public static KpiRollupState Initial() => new() { Id = SingletonId, Watermark = DateTimeOffset.UnixEpoch, RefreshedAt = null };

    public int Id { get; private set; }

    /// <summary>Changes made at or after this instant (less a safety overlap) are picked up by the next run.</summary>
    public DateTimeOffset Watermark { get; private set; }

    /// <summary>When the last run finished (null before the first).</summary>
    public DateTimeOffset? RefreshedAt { get; private set; }

    public void Refreshed(DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        Watermark = startedAt;
        RefreshedAt = finishedAt;
    }
}
