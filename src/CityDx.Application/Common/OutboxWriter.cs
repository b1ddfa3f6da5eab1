using System.Globalization;
using CityDx.Domain.Mail;
using CityDx.Infrastructure.Persistence;

namespace CityDx.Application.Common;

/// <summary>
/// The one way mails are queued: composed in the recipient's language (not the sender's), then
/// written to the outbox in the current transaction, to be delivered by the outbox job.
/// </summary>
public sealed class OutboxWriter(CityDxDbContext db, TimeProvider clock)
{
    public void Enqueue(string to, string preferredCulture, string kind, Guid? caseId, Func<bool, (string Subject, string Body)> compose)
    {
        var english = preferredCulture == "en";
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(english ? "en" : "ja");
            var (subject, body) = compose(english);
            db.Outbox.Add(new OutboxMessage(to, subject, body, kind, caseId, clock.GetUtcNow()));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
