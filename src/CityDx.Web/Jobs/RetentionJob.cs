using CityDx.Application.Retention;
using Quartz;

namespace CityDx.Web.Jobs;

/// <summary>The nightly retention run (<see cref="ApplyRetention.Run"/>); never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(ApplyRetention.Run run) : IJob
{
    public static readonly JobKey Key = new("retention", "privacy");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await run.ExecuteAsync(cancellationToken);
}
