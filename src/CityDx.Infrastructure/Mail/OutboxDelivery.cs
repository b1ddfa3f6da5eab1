using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace CityDx.Infrastructure.Mail;

/// <summary>
/// Delivers due outbox messages: each one sent, then marked sent; a failure is recorded and retried
/// later with back-off, so an SMTP outage delays mail but loses none; after Mail:MaxAttempts
/// failures the mail is given up and its address and body cleared. Runs as a scheduled job.
/// </summary>
public sealed class OutboxDelivery(CityDxDbContext db, IMailSender sender, MailOptions options, TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    public async Task<(int Sent, int Failed)> DeliverDueAsync(int batchSize = 50, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.Outbox
            .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        int sent = 0, failed = 0;
        foreach (var message in due)
        {
            try
            {
                var mime = new MimeMessage();
                mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
                mime.To.Add(MailboxAddress.Parse(message.To));
                mime.Subject = message.Subject;
                mime.Body = new TextPart("plain") { Text = message.Body };
                mime.Headers.Add("X-CityDx-Message", message.Id.ToString());
                await sender.SendAsync(mime, cancellationToken);
                message.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed($"{ex.GetType().Name}: {ex.Message}", clock.GetUtcNow(), options.MaxAttempts);
                failed++;
                logger.LogWarning("Mail {MessageId} ({Kind}) not delivered, attempt {Attempts}: {Error}", message.Id, message.Kind, message.Attempts, ex.GetType().Name);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (sent + failed > 0)
        {
            logger.LogInformation("Outbox: {Sent} sent, {Failed} failed", sent, failed);
        }

        return (sent, failed);
    }
}
