using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Statistics;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Statistics;

/// <summary>
/// Keeps the KPI roll-ups (<see cref="KpiMonth"/>, <see cref="KpiProcessingDays"/>, <see cref="KpiFunnelMonth"/>)
/// up to date, run by the scheduler. Incremental: only the JST months touched since the last run are
/// rebuilt — the filing month and the decision month of every case whose <c>UpdatedAt</c> moved, and the
/// start month of every draft that changed — each rebuilt whole from the cases, so a run is idempotent
/// and a rerun repairs anything. The watermark steps back <see cref="Overlap"/> so a transaction that
/// committed late with an earlier timestamp is not missed. The run first locks the single state row,
/// so two runs (two nodes, or the job and a manual full rebuild) wait for each other instead of
/// interleaving.
/// </summary>
public static class RefreshKpiRollups
{
    /// <summary>How far before the last run's start the next run looks again.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <param name="Full">Rebuild every month (after a restore, or to repair).</param>
    public sealed record Command(bool Full = false) : ICommand<Result>;

    public sealed record Result(int MonthsRebuilt, DateTimeOffset RefreshedAt);

    public sealed class Handler(CityDxDbContext db, TimeProvider clock, BusinessCalendar calendar) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // Lock the state row for the command's transaction (a no-op update): a second run waits here.
            await db.KpiRollupState.Where(s => s.Id == KpiRollupState.SingletonId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Watermark, x => x.Watermark), cancellationToken);
            var startedAt = clock.GetUtcNow();
            var watermark = await db.KpiRollupState.AsNoTracking().Where(s => s.Id == KpiRollupState.SingletonId).Select(s => s.Watermark).SingleAsync(cancellationToken);
            var since = command.Full ? DateTimeOffset.UnixEpoch : (watermark - Overlap).ToUniversalTime();

            var caseMonths = new HashSet<int>();
            await foreach (var c in db.Cases.AsNoTracking().Where(c => c.UpdatedAt >= since).Select(c => new { c.SubmittedAt, c.DecidedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                caseMonths.Add(MonthOf(c.SubmittedAt));
                if (c.DecidedAt is { } decided)
                {
                    caseMonths.Add(MonthOf(decided));
                }
            }

            var draftMonths = new HashSet<int>();
            await foreach (var created in db.Drafts.AsNoTracking().Where(d => d.UpdatedAt >= since).Select(d => d.CreatedAt).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                draftMonths.Add(MonthOf(created));
            }

            if (command.Full)
            {
                await db.KpiMonths.ExecuteDeleteAsync(cancellationToken);
                await db.KpiProcessingDays.ExecuteDeleteAsync(cancellationToken);
                await db.KpiFunnelMonths.ExecuteDeleteAsync(cancellationToken);
            }

            var workflows = (await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.WorkflowJson }).ToListAsync(cancellationToken))
                .ToDictionary(p => p.Id, p => CaseWorkflow.FromJson(p.WorkflowJson));
            foreach (var month in caseMonths.Order())
            {
                await RebuildCasesAsync(month, workflows, cancellationToken);
            }

            foreach (var month in draftMonths.Order())
            {
                await RebuildFunnelAsync(month, cancellationToken);
            }

            var state = await db.KpiRollupState.SingleAsync(s => s.Id == KpiRollupState.SingletonId, cancellationToken);
            state.Refreshed(startedAt, clock.GetUtcNow());
            return new Result(caseMonths.Union(draftMonths).Count(), state.RefreshedAt!.Value);
        }

        private static int MonthOf(DateTimeOffset instant) => KpiMonth.MonthKey(JapanTime.DateOf(instant));

        private async Task RebuildCasesAsync(int month, Dictionary<Guid, CaseWorkflow> workflows, CancellationToken cancellationToken)
        {
            var (start, end) = Range(month);
            var cells = new Dictionary<(Guid, Guid, Channel), KpiMonth>();
            KpiMonth Cell(Guid procedure, Guid unit, Channel channel)
            {
                if (!cells.TryGetValue((procedure, unit, channel), out var cell))
                {
                    cells[(procedure, unit, channel)] = cell = new KpiMonth(month, procedure, unit, channel);
                }

                return cell;
            }

            var filed = await db.Cases.AsNoTracking()
                .Where(c => c.SubmittedAt >= start && c.SubmittedAt < end)
                .GroupBy(c => new { c.ProcedureId, c.OrganisationUnitId, c.Channel })
                .Select(g => new { g.Key.ProcedureId, g.Key.OrganisationUnitId, g.Key.Channel, Filed = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var f in filed)
            {
                Cell(f.ProcedureId, f.OrganisationUnitId, f.Channel).Filed = f.Filed;
            }

            // Of those, the ones that had a correction request: from the history lines, one case once.
            var corrected = await db.Cases.AsNoTracking()
                .Where(c => c.SubmittedAt >= start && c.SubmittedAt < end && db.CaseHistory.Any(h => h.CaseId == c.Id && h.Action == CaseAction.RequestCorrection))
                .GroupBy(c => new { c.ProcedureId, c.OrganisationUnitId, c.Channel })
                .Select(g => new { g.Key.ProcedureId, g.Key.OrganisationUnitId, g.Key.Channel, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var c in corrected)
            {
                Cell(c.ProcedureId, c.OrganisationUnitId, c.Channel).CorrectionRequested = c.Count;
            }

            // Decisions need each case's business days and outcome (its workflow's), so they are read one by one.
            var histogram = new Dictionary<(Guid, Guid, Channel, int), int>();
            await foreach (var c in db.Cases.AsNoTracking()
                .Where(c => c.DecidedAt >= start && c.DecidedAt < end)
                .Select(c => new { DecidedAt = c.DecidedAt!.Value, c.SubmittedAt, c.DueDate, c.Status, c.ProcedureId, c.OrganisationUnitId, c.Channel })
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var outcome = workflows.GetValueOrDefault(c.ProcedureId, CaseWorkflow.Default).OutcomeOf(c.Status);
                if (outcome == Outcome.None)
                {
                    continue;
                }

                var cell = Cell(c.ProcedureId, c.OrganisationUnitId, c.Channel);
                if (outcome == Outcome.Withdrawn)
                {
                    cell.Withdrawn++;
                    continue;
                }

                if (outcome == Outcome.Approved)
                {
                    cell.Approved++;
                }
                else
                {
                    cell.Rejected++;
                }

                var day = JapanTime.DateOf(c.DecidedAt);
                var businessDays = Math.Max(0, calendar.CountBusinessDays(JapanTime.DateOf(c.SubmittedAt), day));
                cell.ProcessingDaysSum += businessDays;
                cell.DecidedWithinSla += c.DueDate is { } due && day <= due ? 1 : 0;
                var key = (c.ProcedureId, c.OrganisationUnitId, c.Channel, businessDays);
                histogram[key] = histogram.GetValueOrDefault(key) + 1;
            }

            await db.KpiMonths.Where(d => d.Month == month).ExecuteDeleteAsync(cancellationToken);
            await db.KpiProcessingDays.Where(d => d.Month == month).ExecuteDeleteAsync(cancellationToken);
            db.KpiMonths.AddRange(cells.Values);
            db.KpiProcessingDays.AddRange(histogram.Select(h => new KpiProcessingDays(KpiProcessingDays.FullGrain, month, h.Key.Item1, h.Key.Item2, h.Key.Item3, h.Key.Item4, h.Value)));
            db.KpiProcessingDays.AddRange(histogram.GroupBy(h => (h.Key.Item1, h.Key.Item3, h.Key.Item4))
                .Select(g => new KpiProcessingDays(KpiProcessingDays.ProcedureGrain, month, g.Key.Item1, Guid.Empty, g.Key.Item2, g.Key.Item3, g.Sum(h => h.Value))));
            db.KpiProcessingDays.AddRange(histogram.GroupBy(h => (h.Key.Item2, h.Key.Item3, h.Key.Item4))
                .Select(g => new KpiProcessingDays(KpiProcessingDays.UnitGrain, month, Guid.Empty, g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Sum(h => h.Value))));
            // An intermediate save: each month's rows are written and forgotten before the next month
            // is built, so a refresh of many months never holds them all in the change tracker.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        private async Task RebuildFunnelAsync(int month, CancellationToken cancellationToken)
        {
            var (start, end) = Range(month);
            var rows = await db.Drafts.AsNoTracking()
                .Where(d => d.CreatedAt >= start && d.CreatedAt < end)
                .GroupBy(d => d.ProcedureId)
                .Select(g => new { ProcedureId = g.Key, Started = g.Count(), Reached = g.Count(d => d.ReachedCheckAnswersAt != null), Submitted = g.Count(d => d.SubmittedAt != null) })
                .ToListAsync(cancellationToken);
            await db.KpiFunnelMonths.Where(d => d.Month == month).ExecuteDeleteAsync(cancellationToken);
            db.KpiFunnelMonths.AddRange(rows.Select(r => new KpiFunnelMonth(month, r.ProcedureId, r.Started, r.Reached, r.Submitted)));
            // An intermediate save, as for the cases' months above.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        private static (DateTimeOffset Start, DateTimeOffset End) Range(int month) =>
            (JstMidnight(KpiMonth.FirstDayOf(month)), JstMidnight(KpiMonth.FirstDayOf(month).AddMonths(1)));
    }

    /// <summary>The instant a JST day starts, in UTC (as the providers want it).</summary>
    public static DateTimeOffset JstMidnight(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).ToUniversalTime();
}
