using CityDx.Domain.Cases;

namespace CityDx.Domain.Statistics;

/// <summary>
/// One cell of the monthly KPI roll-up: a JST month × procedure × organisation unit × channel. Filing
/// counts are by the month a case was filed (its cohort); decision counts by the month it was decided.
/// Rebuilt whole for a month whenever a case filed or decided in it changes (<c>RefreshKpiRollups</c>).
/// (Months, not days: at a million cases a daily cell held about one case, so a daily table was
/// nearly as large as the cases themselves.)
/// </summary>
public class KpiMonth : IKpiCell
{
    private KpiMonth() { }

    public KpiMonth(int month, Guid procedureId, Guid unitId, Channel channel)
    {
        Month = month;
        ProcedureId = procedureId;
        UnitId = unitId;
        Channel = channel;
    }

    /// <summary>yyyymm (JST), an integer so months compare and group the same way on every provider.</summary>
    public int Month { get; private set; }

    public Guid ProcedureId { get; private set; }
    public Guid UnitId { get; private set; }
    public Channel Channel { get; private set; }

    /// <summary>Cases filed this month.</summary>
    public int Filed { get; set; }

    /// <summary>Of the cases filed this month, those that have had at least one correction request (補正依頼).</summary>
    public int CorrectionRequested { get; set; }

    /// <summary>Cases decided this month with an Approved outcome.</summary>
    public int Approved { get; set; }

    public int Rejected { get; set; }
    public int Withdrawn { get; set; }

    /// <summary>Of the approved and rejected cases decided this month, those decided on or before their due date.</summary>
    public int DecidedWithinSla { get; set; }

    /// <summary>Business days from filing to decision, summed over the approved and rejected cases decided this month.</summary>
    public long ProcessingDaysSum { get; set; }

    public static int MonthKey(DateOnly day) => (day.Year * 100) + day.Month;

    public static int NextMonth(int month) => MonthKey(FirstDayOf(month).AddMonths(1));

    public static DateOnly FirstDayOf(int month) => new(month / 100, month % 100, 1);
}

/// <summary>
/// The processing-time histogram of a roll-up cell: how many cases decided (approved or rejected) this
/// month took this many business days. Medians and 90th percentiles are read from the summed histogram.
/// Kept at three grains, so the usual questions read a small table: every dimension
/// (<see cref="FullGrain"/>), without the unit (<see cref="ProcedureGrain"/>, <see cref="UnitId"/> empty)
/// and without the procedure (<see cref="UnitGrain"/>, <see cref="ProcedureId"/> empty).
/// </summary>
public class KpiProcessingDays : IKpiCell
{
    public const int FullGrain = 0;
    public const int ProcedureGrain = 1;
    public const int UnitGrain = 2;

    private KpiProcessingDays() { }

    public KpiProcessingDays(int grain, int month, Guid procedureId, Guid unitId, Channel channel, int businessDays, int cases)
    {
        Grain = grain;
        Month = month;
        ProcedureId = procedureId;
        UnitId = unitId;
        Channel = channel;
        BusinessDays = businessDays;
        Cases = cases;
    }

    public int Grain { get; private set; }
    public int Month { get; private set; }
    public Guid ProcedureId { get; private set; }
    public Guid UnitId { get; private set; }
    public Channel Channel { get; private set; }
    public int BusinessDays { get; private set; }
    public int Cases { get; private set; }
}

/// <summary>The dimensions the dashboard filters roll-up cells by.</summary>
public interface IKpiCell
{
    Guid ProcedureId { get; }
    Guid UnitId { get; }
    Channel Channel { get; }
}

/// <summary>The online filing funnel of a procedure by the month drafts were started (JST): started, reached 確認, submitted.</summary>
public class KpiFunnelMonth
{
    private KpiFunnelMonth() { }

    public KpiFunnelMonth(int month, Guid procedureId, int started, int reachedCheckAnswers, int submitted)
    {
        Month = month;
        ProcedureId = procedureId;
        Started = started;
        ReachedCheckAnswers = reachedCheckAnswers;
        Submitted = submitted;
    }

    public int Month { get; private set; }
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

    /// <summary>The row as the migration seeds it: nothing refreshed yet.</summary>
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
