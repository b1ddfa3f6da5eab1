using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Infrastructure.Persistence;

/// <summary>
/// The hash chain that makes the audit log and case history tamper-evident. Each row's
/// <see cref="IChained.Hash"/> = hex(SHA-256(UTF-8(PrevHash + "|" + canonical content))), where the
/// canonical content is the row's fields in a fixed order, each written as "byte length:value"
/// ("~" for null), joined by "|", beginning with its <see cref="IChained.ChainSeq"/>. On PostgreSQL a
/// BEFORE INSERT trigger computes it (the same format, in SQL: migration AuditChain) under a
/// transaction-level advisory lock, so concurrent writers queue for the next number; on SQLite the
/// application does (<see cref="ChainAdded"/>, SQLite has one writer). A unique index on ChainSeq
/// makes a forked chain impossible on both.
/// </summary>
public static class AuditChain
{
    public const string AuditTable = "audit_entries";
    public const string HistoryTable = "case_history";
    public static readonly string Genesis = new('0', 64);

    public static string AuditCanonical(AuditEntry e) => Join(
        e.ChainSeq?.ToString(CultureInfo.InvariantCulture), Instant(e.At), e.ActorId, ((int)e.ActorKind).ToString(CultureInfo.InvariantCulture), e.Action,
        ((int)e.Outcome).ToString(CultureInfo.InvariantCulture), e.CaseId?.ToString("D"), e.ReceiptNumber, e.Detail, e.Changes);

    public static string HistoryCanonical(CaseHistoryEntry h) => Join(
        h.ChainSeq?.ToString(CultureInfo.InvariantCulture), h.CaseId.ToString("D"), Instant(h.At), h.ActorRole, h.Action, h.FromStatus, h.ToStatus, h.ErasableDigest);

    /// <summary>The actor and the comment, which retention may erase: in the chain only through this digest.</summary>
    public static string ErasableDigest(CaseHistoryEntry h) => Sha256Hex(Join(h.ActorUserId, h.Comment));

    public static string HashOf(string prevHash, string canonical) => Sha256Hex(prevHash + "|" + canonical);

    /// <summary>
    /// SQLite: numbers and hashes the rows about to be inserted, after the last chained row (or the
    /// purge's anchor). PostgreSQL leaves this to its trigger, which overwrites whatever is sent.
    /// </summary>
    public static void ChainAdded(CityDxDbContext db)
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is IChained).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return;
        }

        (long Seq, string Hash)? lastAudit = null, lastHistory = null;
        foreach (var row in added)
        {
            switch (row)
            {
                case AuditEntry e:
                    lastAudit ??= Last(db, AuditTable, db.AuditLog.Where(x => x.ChainSeq != null).OrderByDescending(x => x.ChainSeq).Select(x => new { x.ChainSeq, x.Hash }).FirstOrDefault() is { } a ? (a.ChainSeq!.Value, a.Hash!) : null);
                    e.ChainSeq = lastAudit.Value.Seq + 1;
                    e.PrevHash = lastAudit.Value.Hash;
                    e.Hash = HashOf(e.PrevHash, AuditCanonical(e));
                    lastAudit = (e.ChainSeq.Value, e.Hash);
                    break;
                case CaseHistoryEntry h:
                    lastHistory ??= Last(db, HistoryTable, db.CaseHistory.Where(x => x.ChainSeq != null).OrderByDescending(x => x.ChainSeq).Select(x => new { x.ChainSeq, x.Hash }).FirstOrDefault() is { } b ? (b.ChainSeq!.Value, b.Hash!) : null);
                    h.ChainSeq = lastHistory.Value.Seq + 1;
                    h.PrevHash = lastHistory.Value.Hash;
                    h.ErasableDigest = ErasableDigest(h);
                    h.Hash = HashOf(h.PrevHash, HistoryCanonical(h));
                    lastHistory = (h.ChainSeq.Value, h.Hash);
                    break;
            }
        }
    }

    private static (long, string) Last(CityDxDbContext db, string table, (long, string)? lastRow) =>
        lastRow ?? (db.AuditChainAnchors.Where(a => a.TableName == table).OrderByDescending(a => a.ChainSeq).Select(a => new { a.ChainSeq, a.Hash }).FirstOrDefault() is { } anchor
            ? (anchor.ChainSeq, anchor.Hash)
            : (0, Genesis));

    /// <summary>Milliseconds since the Unix epoch: the precision both providers keep (SQLite stores 0.1 ms).</summary>
    private static string Instant(DateTimeOffset at) => ((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture);

    private static string Join(params string?[] fields) =>
        string.Join("|", fields.Select(f => f is null ? "~" : Encoding.UTF8.GetByteCount(f).ToString(CultureInfo.InvariantCulture) + ":" + f));

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
