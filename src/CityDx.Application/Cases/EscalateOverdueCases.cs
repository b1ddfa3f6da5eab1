using CityDx.Application.Common;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Cases;

/// <summary>
/// The escalation rule of each procedure's workflow, run by the scheduler: a case in a state where
/// the clock runs and overdue by at least the rule's business days gets its unit's approvers
/// mailed, once per overdue episode (the mark is cleared when the clock stops and starts again),
/// and a line in its history. Runs in batches so a large backlog never loads at once.
/// </summary>
public static class EscalateOverdueCases
{
    public const string SystemActor = "system";
    public const int BatchSize = 500;

    public sealed record Command : ICommand<int>;

    public sealed class Handler(CityDxDbContext db, TimeProvider clock, BusinessCalendar calendar, Notifications notifications) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = JapanTime.DateOf(now);
            var procedures = (await db.Procedures.AsNoTracking().Where(p => p.WorkflowJson != null).ToListAsync(cancellationToken))
                .Select(p => (Procedure: p, Workflow: p.Workflow))
                .Where(x => x.Workflow.EscalateWhenOverdueDays is not null)
                .ToList();
            var escalated = 0;
            foreach (var (procedure, workflow) in procedures)
            {
                var days = workflow.EscalateWhenOverdueDays!.Value;
                var running = workflow.States.Where(s => s.ClockRuns && !s.Terminal).Select(s => s.Code).ToList();
                var cases = await db.Cases
                    .Where(c => c.ProcedureId == procedure.Id && running.Contains(c.Status) && c.DueDate < today && c.EscalatedAt == null)
                    .OrderBy(c => c.DueDate).Take(BatchSize)
                    .ToListAsync(cancellationToken);
                foreach (var @case in cases)
                {
                    var overdue = Sla.OverdueBusinessDays(@case.DueDate!.Value, today, calendar);
                    if (overdue < Math.Max(1, days))
                    {
                        continue;
                    }

                    @case.MarkEscalated(SystemActor, overdue, now);
                    await notifications.CaseOverdueAsync(@case, procedure, overdue, cancellationToken);
                    escalated++;
                }
            }

            return escalated;
        }
    }
}
