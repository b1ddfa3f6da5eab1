using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Infrastructure.Persistence;

/// <summary>
/// Walks the audit log and the case history in chain order and reports the first row that was
/// altered (its hash no longer matches its content) or removed (a number missing, or the next row's
/// predecessor hash not matching). The oldest remaining row may follow the anchor the retention
/// purge recorded. A case history row whose actor or comment retention erased (the case is
/// anonymised) is accepted by its stored digest. `--verify-audit` runs this.
/// </summary>
public sealed class AuditChainVerifier(CityDxDbContext db)
{
    private const int Batch = 5000;

    /// <summary>The first problem of a table, or null when its chain is intact.</summary>
    public sealed record Finding(string Table, long? ChainSeq, long? RowId, string Problem)
    {
        public override string ToString() =>
            $"{Table}: {Problem}" + (ChainSeq is { } s ? $" (chain number {s}" + (RowId is { } id ? $", row id {id})" : ")") : "");
    }

    /// <summary>How many rows were checked per table, rows written before the chain existed (not covered), and the findings.</summary>
    public sealed record Report(long AuditRows, long HistoryRows, long Unchained, IReadOnlyList<Finding> Findings)
    {
        public bool Intact => Findings.Count == 0;
    }

    public async Task<Report> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var findings = new List<Finding>();
        var (auditRows, auditFinding) = await WalkAsync(AuditChain.AuditTable,
            after => db.AuditLog.AsNoTracking().Where(e => e.ChainSeq > after).OrderBy(e => e.ChainSeq).Take(Batch).ToListAsync(cancellationToken),
            rows => Task.FromResult<Func<AuditEntry, string?>>(e => null), AuditChain.AuditCanonical, e => e.Id, cancellationToken);
        var (historyRows, historyFinding) = await WalkAsync(AuditChain.HistoryTable,
            after => db.CaseHistory.AsNoTracking().Where(h => h.ChainSeq > after).OrderBy(h => h.ChainSeq).Take(Batch).ToListAsync(cancellationToken),
            ErasedCheckAsync, AuditChain.HistoryCanonical, h => h.Id, cancellationToken);
        findings.AddRange(new[] { auditFinding, historyFinding }.OfType<Finding>());
        var unchained = await db.AuditLog.LongCountAsync(e => e.ChainSeq == null, cancellationToken)
            + await db.CaseHistory.LongCountAsync(h => h.ChainSeq == null, cancellationToken);
        return new Report(auditRows, historyRows, unchained, findings);

        async Task<Func<CaseHistoryEntry, string?>> ErasedCheckAsync(IReadOnlyList<CaseHistoryEntry> rows)
        {
            var caseIds = rows.Select(r => r.CaseId).Distinct().ToList();
            var anonymised = (await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id) && c.AnonymisedAt != null).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
            return h => h.ErasableDigest == AuditChain.ErasableDigest(h) || anonymised.Contains(h.CaseId) && h.Comment is null
                ? null
                : "the actor or the comment was altered";
        }
    }

    private async Task<(long Rows, Finding? Finding)> WalkAsync<T>(string table, Func<long, Task<List<T>>> next,
        Func<IReadOnlyList<T>, Task<Func<T, string?>>> extraCheck, Func<T, string> canonical, Func<T, long> id, CancellationToken cancellationToken)
        where T : IChained
    {
        var anchor = await db.AuditChainAnchors.AsNoTracking().Where(a => a.TableName == table).OrderByDescending(a => a.ChainSeq).FirstOrDefaultAsync(cancellationToken);
        long expectedSeq = (anchor?.ChainSeq ?? 0) + 1;
        var expectedPrev = anchor?.Hash ?? AuditChain.Genesis;
        long checkedRows = 0;
        var after = long.MinValue;
        while (true)
        {
            var rows = await next(after);
            if (rows.Count == 0)
            {
                return (checkedRows, null);
            }

            var extra = await extraCheck(rows);
            foreach (var row in rows)
            {
                var seq = row.ChainSeq!.Value;
                if (seq != expectedSeq)
                {
                    return (checkedRows, new Finding(table, expectedSeq, null, seq > expectedSeq
                        ? $"rows {expectedSeq}–{seq - 1} were removed (the row after them has id {id(row)})"
                        : "the chain numbers are out of order"));
                }

                if (!string.Equals(row.PrevHash, expectedPrev, StringComparison.Ordinal))
                {
                    return (checkedRows, new Finding(table, seq, id(row), seq == (anchor?.ChainSeq ?? 0) + 1
                        ? "the oldest rows were removed outside the retention purge (the first row does not follow the recorded anchor)"
                        : "the row before it was altered or replaced"));
                }

                if (!string.Equals(row.Hash, AuditChain.HashOf(row.PrevHash!, canonical(row)), StringComparison.Ordinal) || extra(row) is not null)
                {
                    return (checkedRows, new Finding(table, seq, id(row), "the row was altered"));
                }

                checkedRows++;
                expectedSeq = seq + 1;
                expectedPrev = row.Hash!;
                after = seq;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
