using CityDx.Domain.Cases;

namespace CityDx.Domain.Procedures;

/// <summary>
/// 業務量の標準: the staff minutes one filing of a procedure takes at the counter (or by post, keyed
/// in by staff) and online, set by an admin, and the day the procedure went online. The dashboard
/// turns them into staff hours saved: every online filing saves (counter − online) minutes.
/// </summary>
public class StaffTimeStandard
{
    public const int MaxMinutes = 24 * 60;

    private StaffTimeStandard() { }

    public StaffTimeStandard(Guid procedureId) => ProcedureId = procedureId;

    public Guid ProcedureId { get; private set; }

    /// <summary>Staff minutes of one counter (or mail) filing: reception, checking, keying in.</summary>
    public int CounterMinutes { get; private set; }

    /// <summary>Staff minutes of one online filing (checking what arrived).</summary>
    public int OnlineMinutes { get; private set; }

    /// <summary>The day online filing started for the procedure; before it, every filing was at the counter or by post.</summary>
    public DateOnly? OnlineSince { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByUserId { get; private set; } = "";

    /// <summary>Minutes one online filing saves compared with the counter (never negative: an online filing that costs more saves nothing).</summary>
    public int SavedMinutesPerOnlineFiling => Math.Max(0, CounterMinutes - OnlineMinutes);

    /// <summary>Sets the standard; throws <see cref="DomainRuleException"/> for minutes outside 0–1440.</summary>
    public void Set(int counterMinutes, int onlineMinutes, DateOnly? onlineSince, string userId, DateTimeOffset now)
    {
        if (counterMinutes is < 0 or > MaxMinutes || onlineMinutes is < 0 or > MaxMinutes)
        {
            throw new DomainRuleException("StaffTime.MinutesRange", "Minutes must be between 0 and 1440.");
        }

        CounterMinutes = counterMinutes;
        OnlineMinutes = onlineMinutes;
        OnlineSince = onlineSince;
        UpdatedByUserId = userId;
        UpdatedAt = now;
    }

    /// <summary>Staff hours saved by this many online filings.</summary>
    public decimal HoursSaved(long onlineFilings) => onlineFilings * SavedMinutesPerOnlineFiling / 60m;
}
