using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Infrastructure.Persistence;

/// <summary>
/// The model of the hash chain (<see cref="AuditChain"/>): its columns on the audit log and the case
/// history, each with a unique chain number, and the retention purge's anchors.
/// </summary>
internal static class AuditChainModel
{
    public static void Apply(ModelBuilder builder)
    {
        builder.Entity<AuditEntry>(b =>
        {
            b.Property(e => e.Changes).HasMaxLength(AuditEntry.MaxChangesLength);
            Chain(b);
        });
        builder.Entity<CaseHistoryEntry>(b =>
        {
            b.Property(h => h.ErasableDigest).HasMaxLength(64);
            Chain(b);
        });
        builder.Entity<AuditChainAnchor>(b =>
        {
            b.ToTable("audit_chain_anchors");
            b.HasKey(a => a.Id);
            b.Property(a => a.TableName).HasMaxLength(64);
            b.Property(a => a.Hash).HasMaxLength(64);
            b.HasIndex(a => new { a.TableName, a.ChainSeq }).IsUnique();
        });
    }

    private static void Chain<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> b)
        where T : class, IChained
    {
        b.Property(e => e.PrevHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.ChainSeq).IsUnique();
    }
}
