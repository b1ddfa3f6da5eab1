using CityDx.Infrastructure.Mail;
using Quartz;

namespace CityDx.Web.Jobs;

/// <summary>Scheduled delivery of the mail outbox; never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverOutboxJob(OutboxDelivery delivery) : IJob
{
    public static readonly JobKey Key = new("deliver-outbox", "mail");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await delivery.DeliverDueAsync(cancellationToken: cancellationToken);
}
