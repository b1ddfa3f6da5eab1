namespace CityDx.Domain.Mail;

/// <summary>
/// A mail waiting to be delivered (transactional outbox): written in the same transaction as the
/// change it tells about, delivered afterwards by a background job with retries, so a mail server
/// outage loses nothing and a rolled-back change sends nothing.
/// </summary>
public class OutboxMessage
{
    /// <summary>Waits between attempts: 1 min, 5 min, 15 min, 1 h, then every 6 h.</summary>
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    private OutboxMessage() { }

    public OutboxMessage(string to, string subject, string body, string kind, Guid? caseId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        Id = Guid.CreateVersion7(now);
        To = to;
        Subject = subject;
        Body = body;
        Kind = kind;
        CaseId = caseId;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public Guid Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";

    /// <summary>What the mail is about ("Submitted", "Decided" …), for logs and operators: never its content.</summary>
    public string Kind { get; private set; } = "";

    public Guid? CaseId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>The last failure's type and message from the mail server (no personal data).</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// When delivery stopped trying (the last allowed attempt failed). The address and the body are
    /// cleared then; what stays (kind, case, attempts, error, dates) is what an operator needs.
    /// </summary>
    public DateTimeOffset? GaveUpAt { get; private set; }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        Attempts++;
        LastError = null;
    }

    /// <summary>
    /// One failed attempt. After <paramref name="maxAttempts"/> failures the mail is given up: its
    /// personal content (address, body) is not kept longer than retries can use it.
    /// </summary>
    public void MarkFailed(string error, DateTimeOffset now, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = now + Backoff[Math.Min(Attempts - 1, Backoff.Length - 1)];
        if (Attempts >= maxAttempts)
        {
            GiveUp(now);
        }
    }

    /// <summary>Stops delivery and clears the address and the body (also for a mail that exhausted its attempts under a higher limit).</summary>
    public void GiveUp(DateTimeOffset now)
    {
        GaveUpAt ??= now;
        To = "";
        Body = "";
    }
}
