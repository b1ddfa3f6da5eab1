using CityDx.Application.Cases;
using Mediator;
using Quartz;

namespace CityDx.Web.Jobs;

/// <summary>Runs every procedure's escalation rule (<see cref="EscalateOverdueCases"/>); never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class EscalateOverdueCasesJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("escalate-overdue", "sla");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new EscalateOverdueCases.Command(), cancellationToken);
}
