using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Statistics;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Statistics;

/// <summary>
/// Keeps the KPI roll-ups (<see cref="KpiDay"/>, <see cref="KpiProcessingDays"/>, <see cref="KpiFunnelDay"/>)
/// up to date, run by the scheduler. Incremental: only the JST days touched since the last run are
/// rebuilt — the filing day and the decision day of every case whose <c>UpdatedAt</c> moved, and the
/// start day of every draft that changed — each day rebuilt whole from the cases, so a run is
/// idempotent and a rerun repairs anything. The watermark steps back <see cref="Overlap"/> so a
/// transaction that committed late with an earlier timestamp is not missed.
/// </summary>
public static class RefreshKpiRollups
{
    /// <summary>How far before the last run's start the next run looks again.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>Days rebuilt per round trip (a range of consecutive JST days).</summary>
    public const int DaysPerChunk = 31;

    /// <param name="Full">Rebuild every day (after a restore, or to repair).</param>
    public sealed record Command(bool Full = false) : ICommand<Result>;

    public sealed record Result(int DaysRebuilt, DateTimeOffset RefreshedAt);

    public sealed class Handler(CityDxDbContext db, TimeProvider clock, BusinessCalendar calendar) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var startedAt = clock.GetUtcNow();
            var watermark = await db.KpiRollupState.AsNoTracking().Where(s => s.Id == KpiRollupState.SingletonId).Select(s => (DateTimeOffset?)s.Watermark).SingleOrDefaultAsync(cancellationToken);
            var since = command.Full || watermark is null ? DateTimeOffset.UnixEpoch : (watermark.Value - Overlap).ToUniversalTime();
            var caseDays = new HashSet<DateOnly>();
            await foreach (var c in db.Cases.AsNoTracking().Where(c => c.UpdatedAt >= since).Select(c => new { c.SubmittedAt, c.DecidedAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                caseDays.Add(JapanTime.DateOf(c.SubmittedAt));
                if (c.DecidedAt is { } decided)
                {
                    caseDays.Add(JapanTime.DateOf(decided));
                }
            }

            var draftDays = new HashSet<DateOnly>();
            await foreach (var created in db.Drafts.AsNoTracking().Where(d => d.UpdatedAt >= since).Select(d => d.CreatedAt).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                draftDays.Add(JapanTime.DateOf(created));
            }

            if (command.Full)
            {
                await db.KpiDays.ExecuteDeleteAsync(cancellationToken);
                await db.KpiProcessingDays.ExecuteDeleteAsync(cancellationToken);
                await db.KpiFunnelDays.ExecuteDeleteAsync(cancellationToken);
            }

            var workflows = (await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.WorkflowJson }).ToListAsync(cancellationToken))
                .ToDictionary(p => p.Id, p => CaseWorkflow.FromJson(p.WorkflowJson));
            foreach (var chunk in Chunks(caseDays))
            {
                await RebuildCaseDaysAsync(chunk, workflows, cancellationToken);
            }

            foreach (var chunk in Chunks(draftDays))
            {
                await RebuildFunnelDaysAsync(chunk, cancellationToken);
            }

            // Loaded only now: each day's save clears the change tracker.
            var state = await db.KpiRollupState.SingleOrDefaultAsync(s => s.Id == KpiRollupState.SingletonId, cancellationToken);
            if (state is null)
            {
                state = KpiRollupState.Initial();
                db.KpiRollupState.Add(state);
            }

            state.Refreshed(startedAt, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return new Result(caseDays.Count + draftDays.Count(d => !caseDays.Contains(d)), state.RefreshedAt!.Value);
        }

        /// <summary>Consecutive days in runs of at most <see cref="DaysPerChunk"/> days' span.</summary>
        private static IEnumerable<List<DateOnly>> Chunks(HashSet<DateOnly> days)
        {
            var chunk = new List<DateOnly>();
            foreach (var day in days.Order())
            {
                if (chunk.Count > 0 && day.DayNumber - chunk[0].DayNumber >= DaysPerChunk)
                {
                    yield return chunk;
                    chunk = [];
                }

                chunk.Add(day);
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }

        private async Task RebuildCaseDaysAsync(List<DateOnly> days, Dictionary<Guid, CaseWorkflow> workflows, CancellationToken cancellationToken)
        {
            var (start, end) = Range(days);
            var wanted = days.ToHashSet();
            var filed = await db.Cases.AsNoTracking()
                .Where(c => c.SubmittedAt >= start && c.SubmittedAt < end)
                .Select(c => new
                {
                    c.SubmittedAt, c.ProcedureId, c.OrganisationUnitId, c.Channel,
                    Corrected = db.CaseHistory.Any(h => h.CaseId == c.Id && h.Action == CaseAction.RequestCorrection),
                })
                .ToListAsync(cancellationToken);
            var decided = await db.Cases.AsNoTracking()
                .Where(c => c.DecidedAt >= start && c.DecidedAt < end)
                .Select(c => new { DecidedAt = c.DecidedAt!.Value, c.SubmittedAt, c.DueDate, c.Status, c.ProcedureId, c.OrganisationUnitId, c.Channel })
                .ToListAsync(cancellationToken);

            var cells = new Dictionary<(DateOnly, Guid, Guid, Channel), KpiDay>();
            KpiDay Cell(DateOnly day, Guid procedure, Guid unit, Channel channel)
            {
                var key = (day, procedure, unit, channel);
                if (!cells.TryGetValue(key, out var cell))
                {
                    cells[key] = cell = new KpiDay(day, procedure, unit, channel);
                }

                return cell;
            }

            foreach (var c in filed)
            {
                var day = JapanTime.DateOf(c.SubmittedAt);
                if (!wanted.Contains(day))
                {
                    continue;
                }

                var cell = Cell(day, c.ProcedureId, c.OrganisationUnitId, c.Channel);
                cell.Filed++;
                cell.CorrectionRequested += c.Corrected ? 1 : 0;
            }

            var histogram = new Dictionary<(DateOnly, Guid, Guid, Channel, int), int>();
            foreach (var c in decided)
            {
                var day = JapanTime.DateOf(c.DecidedAt);
                var outcome = workflows.GetValueOrDefault(c.ProcedureId, CaseWorkflow.Default).OutcomeOf(c.Status);
                if (!wanted.Contains(day) || outcome == Outcome.None)
                {
                    continue;
                }

                var cell = Cell(day, c.ProcedureId, c.OrganisationUnitId, c.Channel);
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

                var businessDays = Math.Max(0, calendar.CountBusinessDays(JapanTime.DateOf(c.SubmittedAt), day));
                cell.ProcessingDaysSum += businessDays;
                cell.DecidedWithinSla += c.DueDate is { } due && day <= due ? 1 : 0;
                var key = (day, c.ProcedureId, c.OrganisationUnitId, c.Channel, businessDays);
                histogram[key] = histogram.GetValueOrDefault(key) + 1;
            }

            await db.KpiDays.Where(d => days.Contains(d.Day)).ExecuteDeleteAsync(cancellationToken);
            await db.KpiProcessingDays.Where(d => days.Contains(d.Day)).ExecuteDeleteAsync(cancellationToken);
            db.KpiDays.AddRange(cells.Values);
            db.KpiProcessingDays.AddRange(histogram.Select(h => new KpiProcessingDays(h.Key.Item1, h.Key.Item2, h.Key.Item3, h.Key.Item4, h.Key.Item5, h.Value)));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        private async Task RebuildFunnelDaysAsync(List<DateOnly> days, CancellationToken cancellationToken)
        {
            var (start, end) = Range(days);
            var wanted = days.ToHashSet();
            var drafts = await db.Drafts.AsNoTracking()
                .Where(d => d.CreatedAt >= start && d.CreatedAt < end)
                .Select(d => new { d.CreatedAt, d.ProcedureId, Reached = d.ReachedCheckAnswersAt != null, Submitted = d.SubmittedAt != null })
                .ToListAsync(cancellationToken);
            var rows = drafts
                .Select(d => (Day: JapanTime.DateOf(d.CreatedAt), d.ProcedureId, d.Reached, d.Submitted))
                .Where(d => wanted.Contains(d.Day))
                .GroupBy(d => (d.Day, d.ProcedureId))
                .Select(g => new KpiFunnelDay(g.Key.Day, g.Key.ProcedureId, g.Count(), g.Count(d => d.Reached), g.Count(d => d.Submitted)))
                .ToList();
            await db.KpiFunnelDays.Where(d => days.Contains(d.Day)).ExecuteDeleteAsync(cancellationToken);
            db.KpiFunnelDays.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        private static (DateTimeOffset Start, DateTimeOffset End) Range(List<DateOnly> days) =>
            (JstMidnight(days[0]), JstMidnight(days[^1].AddDays(1)));
    }

    /// <summary>The instant a JST day starts, in UTC (as the providers want it).</summary>
    public static DateTimeOffset JstMidnight(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).ToUniversalTime();
}
