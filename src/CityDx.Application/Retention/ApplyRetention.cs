using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CityDx.Application.Common;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Mail;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityDx.Application.Retention;

/// <summary>Retention settings (section "Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days an expired draft is kept before it and its files are deleted (0: at once).</summary>
    [Range(0, 3650, ErrorMessage = "Retention:ExpiredDraftGraceDays must be between {1} and {2}.")]
    public int ExpiredDraftGraceDays { get; set; }

    /// <summary>A stored file nothing refers to is deleted once it is this old (uploads in flight are younger).</summary>
    [Range(1, 8760, ErrorMessage = "Retention:OrphanFileGraceHours must be between {1} and {2}.")]
    public int OrphanFileGraceHours { get; set; } = 24;

    /// <summary>Most drafts, cases and files handled in one run of each step (the job runs again).</summary>
    [Range(1, 10_000, ErrorMessage = "Retention:BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>When the retention job runs: a Quartz cron expression in Japan time (default nightly at 02:30, outside office hours).</summary>
    [Required(ErrorMessage = "Retention:Cron must be set.")]
    public string Cron { get; set; } = "0 30 2 * * ?";

    /// <summary>Years an audit entry is kept (監査ログの保存期間) before the retention run purges it.</summary>
    [Range(1, 100, ErrorMessage = "Retention:AuditYears must be between {1} and {2}.")]
    public int AuditYears { get; set; } = 5;

    /// <summary>Days a delivered mail (address, body) stays in the outbox before it is deleted.</summary>
    [Range(1, 3650, ErrorMessage = "Retention:SentMailDays must be between {1} and {2}.")]
    public int SentMailDays { get; set; } = 30;
}

/// <summary>
/// 保存期間: the scheduled retention run. (1) Expired drafts that were never submitted are deleted
/// with their files. (2) Closed cases whose procedure's retention period (years after the
/// decision) has passed are anonymised: personal fields blanked, attachments and issued documents
/// deleted, answer revisions deleted, message bodies and history comments cleared, the counter
/// visitor's details blanked; the case row keeps what statistics need. Each anonymisation is in the
/// audit log. (3) Stored files nothing refers to, older than a grace period, are deleted (uploads
/// of a rolled-back transaction, files of drafts deleted with an account). Files are deleted only
/// after the database change is committed, so a crash leaves at worst an orphan for the next run.
/// (4) Delivered mail older than <see cref="RetentionOptions.SentMailDays"/> is deleted; mail that
/// exhausted its attempts loses its address and body (<see cref="Domain.Mail.OutboxMessage.GiveUp"/>).
/// (5) Audit entries older than <see cref="RetentionOptions.AuditYears"/> are purged from the oldest,
/// the last one's chain number and hash recorded as the anchor verification starts from (<see cref="AuditChain"/>).
/// </summary>
public static class ApplyRetention
{
    public const string SystemActor = "system";

    public sealed record Command : ICommand<Result>;

    /// <summary>What the database step did, and the stored files it released (deleted once it has committed).</summary>
    public sealed record Result(int DraftsDeleted, int CasesAnonymised, IReadOnlyList<string> ReleasedFiles)
    {
        public int MailsDeleted { get; init; }
        public int MailsGivenUp { get; init; }
        public int AuditEntriesPurged { get; init; }
    }

    public sealed class Handler(CityDxDbContext db, TimeProvider clock, RetentionOptions options, MailOptions mail) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var batch = Math.Clamp(options.BatchSize, 1, 10_000);
            var deleteAfterCommit = new List<string>();

            // Opens the append-only records to this transaction only, the audit log up to its cut-off (see the Retention and AuditChain migrations' triggers).
            var auditBefore = now.AddYears(-options.AuditYears);
            object auditBeforeValue = db is SqliteCityDxDbContext ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(auditBefore)! : auditBefore;
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO retention_window (started_at, audit_before) VALUES ({now}, {auditBeforeValue})", cancellationToken);

            // 1. Expired drafts never submitted: their files go unless a case already refers to them.
            var expiredBefore = now.AddDays(-Math.Max(0, options.ExpiredDraftGraceDays));
            var drafts = await db.Drafts.Where(d => d.SubmittedAt == null && d.ExpiresAt <= expiredBefore).OrderBy(d => d.ExpiresAt).Take(batch)
                .Select(d => d.Id).ToListAsync(cancellationToken);
            if (drafts.Count > 0)
            {
                deleteAfterCommit.AddRange(await db.DraftFiles.Where(f => drafts.Contains(f.DraftId)
                        && !db.Attachments.Any(a => a.File.StorageKey == f.File.StorageKey))
                    .Select(f => f.File.StorageKey).ToListAsync(cancellationToken));
                await db.DraftFiles.Where(f => drafts.Contains(f.DraftId)).ExecuteDeleteAsync(cancellationToken);
                await db.Drafts.Where(d => drafts.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
            }

            // 2. Closed cases past their procedure's retention period.
            var anonymised = 0;
            var procedures = await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.RetentionYears, p.WorkflowJson }).ToListAsync(cancellationToken);
            foreach (var procedure in procedures)
            {
                var workflow = CaseWorkflow.FromJson(procedure.WorkflowJson);
                var closed = workflow.States.Where(s => s.Terminal).Select(s => s.Code).ToList();
                var decidedBefore = now.AddYears(-procedure.RetentionYears);
                var cases = await db.Cases.Where(c => c.ProcedureId == procedure.Id && c.AnonymisedAt == null && closed.Contains(c.Status) && c.DecidedAt < decidedBefore)
                    .OrderBy(c => c.DecidedAt).Take(batch - anonymised).ToListAsync(cancellationToken);
                foreach (var @case in cases)
                {
                    await AnonymiseAsync(@case, workflow, now, deleteAfterCommit, cancellationToken);
                    anonymised++;
                }

                if (anonymised >= batch)
                {
                    break;
                }
            }

            // 4. The mail outbox: delivered mail after its days, exhausted mail without address and body.
            var sentBefore = now.AddDays(-options.SentMailDays);
            var mailsDeleted = await db.Outbox.Where(m => m.SentAt != null && m.SentAt < sentBefore).ExecuteDeleteAsync(cancellationToken);
            var givenUp = await db.Outbox.Where(m => m.SentAt == null && m.GaveUpAt == null && m.Attempts >= mail.MaxAttempts)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.GaveUpAt, now).SetProperty(m => m.To, "").SetProperty(m => m.Body, ""), cancellationToken);

            // 5. The audit log past its period.
            var purged = await PurgeAuditAsync(auditBefore, batch, now, cancellationToken);

            // An intermediate save, not left to the transaction behaviour: the anonymised cases must be
            // written while the retention window is still open (the triggers refuse them once it closes).
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM retention_window", cancellationToken);
            return new Result(drafts.Count, anonymised, [.. deleteAfterCommit.Distinct(StringComparer.Ordinal)])
            {
                MailsDeleted = mailsDeleted,
                MailsGivenUp = givenUp,
                AuditEntriesPurged = purged,
            };
        }

        /// <summary>
        /// Deletes the oldest stretch of the chain whose entries are all past the cut-off (a batch at a
        /// time) and records its last row as the anchor, so verification of what remains still passes.
        /// </summary>
        private async Task<int> PurgeAuditAsync(DateTimeOffset auditBefore, int batch, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var firstKept = await db.AuditLog.Where(e => e.ChainSeq != null && e.At >= auditBefore).MinAsync(e => e.ChainSeq, cancellationToken);
            var last = await db.AuditLog.Where(e => e.ChainSeq != null && (firstKept == null || e.ChainSeq < firstKept)).OrderBy(e => e.ChainSeq).Take(batch)
                .OrderByDescending(e => e.ChainSeq).Select(e => new { e.ChainSeq, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var purged = await db.AuditLog.Where(e => e.ChainSeq == null && e.At < auditBefore).ExecuteDeleteAsync(cancellationToken);
            if (last is null)
            {
                return purged;
            }

            purged += await db.AuditLog.Where(e => e.ChainSeq <= last.ChainSeq).ExecuteDeleteAsync(cancellationToken);
            db.AuditChainAnchors.Add(new AuditChainAnchor(AuditChain.AuditTable, last.ChainSeq!.Value, last.Hash!, now));
            db.AuditLog.Add(new AuditEntry(now, SystemActor, AuditActions.AuditPurge, AuditOutcome.Ok,
                detail: string.Create(CultureInfo.InvariantCulture, $"{purged} entries up to chain number {last.ChainSeq}")));
            return purged;
        }

        private async Task AnonymiseAsync(Case @case, CaseWorkflow workflow, DateTimeOffset now, List<string> deleteAfterCommit, CancellationToken cancellationToken)
        {
            var id = @case.Id;
            var receipt = @case.ReceiptNumber;
            @case.Anonymise(workflow, now);
            deleteAfterCommit.AddRange(await db.Attachments.Where(a => a.CaseId == id).Select(a => a.File.StorageKey).ToListAsync(cancellationToken));
            deleteAfterCommit.AddRange(await db.IssuedDocuments.Where(d => d.CaseId == id).Select(d => d.File.StorageKey).ToListAsync(cancellationToken));
            await db.Attachments.Where(a => a.CaseId == id).ExecuteDeleteAsync(cancellationToken);
            await db.IssuedDocuments.Where(d => d.CaseId == id).ExecuteDeleteAsync(cancellationToken);

            // Append-only for people; retention is the one path that clears them, in bulk and audited.
            await db.AnswerRevisions.Where(r => r.CaseId == id).ExecuteDeleteAsync(cancellationToken);
            await db.CaseMessages.Where(m => m.CaseId == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, ""), cancellationToken);
            await db.CaseHistory.Where(h => h.CaseId == id && h.Comment != null).ExecuteUpdateAsync(s => s.SetProperty(h => h.Comment, (string?)null), cancellationToken);
            await db.CaseHistory.Where(h => h.CaseId == id && h.ActorRole == WorkflowRole.Applicant).ExecuteUpdateAsync(s => s.SetProperty(h => h.ActorUserId, ""), cancellationToken);
            await db.CounterReceptions.Where(r => r.CaseId == id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.VisitorName, (string?)null).SetProperty(r => r.VisitorNameKana, (string?)null)
                .SetProperty(r => r.VisitorPhone, (string?)null).SetProperty(r => r.VisitorPostalCode, (string?)null)
                .SetProperty(r => r.VisitorAddress, (string?)null).SetProperty(r => r.VisitorEmail, (string?)null)
                .SetProperty(r => r.IdentityNote, (string?)null), cancellationToken);
            db.AuditLog.Add(new AuditEntry(now, SystemActor, AuditActions.CaseAnonymise, AuditOutcome.Ok, id, receipt, null));
        }
    }

    /// <summary>
    /// One retention run (the scheduled job, or a test): the database step in its transaction, then —
    /// committed — the released files, then the orphan sweep. A crash between the two leaves files
    /// that the next run's sweep deletes.
    /// </summary>
    public sealed class Run(IMediator mediator, CityDxDbContext db, IFileStore files, TimeProvider clock, RetentionOptions options, ILogger<Run> logger)
    {
        public async Task<(Result Result, int FilesDeleted)> ExecuteAsync(CancellationToken cancellationToken)
        {
            var result = await mediator.Send(new Command(), cancellationToken);
            var deleted = await DeleteAsync(result.ReleasedFiles, cancellationToken);
            deleted += await DeleteOrphansAsync(clock.GetUtcNow().AddHours(-Math.Max(1, options.OrphanFileGraceHours)), Math.Clamp(options.BatchSize, 1, 10_000), cancellationToken);
            logger.LogInformation("Retention: {Drafts} expired drafts deleted, {Cases} closed cases anonymised, {Files} files deleted, {Mails} sent mails deleted, {GivenUp} failed mails cleared, {Audit} audit entries purged",
                result.DraftsDeleted, result.CasesAnonymised, deleted, result.MailsDeleted, result.MailsGivenUp, result.AuditEntriesPurged);
            return (result, deleted);
        }

        private async Task<int> DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
        {
            var deleted = 0;
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    await files.DeleteAsync(key, cancellationToken);
                    deleted++;
                }
                catch (IOException ex)
                {
                    // Left for the orphan sweep of a later run.
                    logger.LogWarning(ex, "Retention could not delete a stored file");
                }
            }

            return deleted;
        }

        private async Task<int> DeleteOrphansAsync(DateTimeOffset writtenBefore, int batch, CancellationToken cancellationToken)
        {
            var deleted = 0;
            foreach (var chunk in files.ListWrittenBefore(writtenBefore).Chunk(batch))
            {
                var keys = chunk.ToList();
                var used = new HashSet<string>(StringComparer.Ordinal);
                used.UnionWith(await db.Attachments.Where(a => keys.Contains(a.File.StorageKey)).Select(a => a.File.StorageKey).ToListAsync(cancellationToken));
                used.UnionWith(await db.DraftFiles.Where(f => keys.Contains(f.File.StorageKey)).Select(f => f.File.StorageKey).ToListAsync(cancellationToken));
                used.UnionWith(await db.IssuedDocuments.Where(d => keys.Contains(d.File.StorageKey)).Select(d => d.File.StorageKey).ToListAsync(cancellationToken));
                deleted += await DeleteAsync(keys.Where(k => !used.Contains(k)), cancellationToken);
            }

            return deleted;
        }
    }
}
