using CityDx.Application.Statistics;
using Mediator;
using Quartz;

namespace CityDx.Web.Jobs;

/// <summary>Refreshes the KPI roll-ups of the days touched since the last run (<see cref="RefreshKpiRollups"/>); never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class RefreshKpiRollupsJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("refresh-kpi-rollups", "statistics");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new RefreshKpiRollups.Command(), cancellationToken);
}
