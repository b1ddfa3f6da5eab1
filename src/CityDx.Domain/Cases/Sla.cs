using CityDx.Domain.Japanese;

namespace CityDx.Domain.Cases;

/// <summary>Where a case stands against its due date, as queues show it (in words and a mark, never by colour alone).</summary>
public enum Due
{
    /// <summary>No due date, or the case is decided.</summary>
    None = 0,
    OnTrack = 1,

    /// <summary>Due within the configured number of business days (including today).</summary>
    DueSoon = 2,
    Overdue = 3,

    /// <summary>The clock is stopped (e.g. awaiting correction).</summary>
    Paused = 4,
}

/// <summary>SLA rules on the business-day calendar: the due state, and how overdue a case is in business days.</summary>
public static class Sla
{
    public static Due DueStateOf(CaseWorkflow workflow, string status, DateOnly? dueDate, DateOnly today, BusinessCalendar calendar, int dueSoonBusinessDays)
    {
        var state = workflow.State(status);
        if (dueDate is not { } due || state is null || state.Terminal || state.Outcome != Outcome.None)
        {
            return Due.None;
        }

        if (!state.ClockRuns)
        {
            return Due.Paused;
        }

        if (due < today)
        {
            return Due.Overdue;
        }

        return due <= DueSoonLimit(today, calendar, dueSoonBusinessDays) ? Due.DueSoon : Due.OnTrack;
    }

    /// <summary>The last due date that counts as "due soon": today plus N business days (N = 0: today only).</summary>
    public static DateOnly DueSoonLimit(DateOnly today, BusinessCalendar calendar, int businessDays) =>
        businessDays <= 0 ? today : calendar.AddBusinessDays(today, businessDays);

    /// <summary>Business days a case is past its due date on <paramref name="today"/> (0 when not overdue).</summary>
    public static int OverdueBusinessDays(DateOnly due, DateOnly today, BusinessCalendar calendar) =>
        due >= today ? 0 : calendar.CountBusinessDays(due, today);
}
