using CityDx.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>
/// The model of the hash chain (<see cref="AuditChain"/>): its columns on the audit log and the case
/// history (each with a unique chain number, mapped by their configurations through <see cref="Map{T}"/>),
/// and the retention purge's anchors.
/// </summary>
public sealed class AuditChainAnchorConfiguration : IEntityTypeConfiguration<AuditChainAnchor>
{
    public void Configure(EntityTypeBuilder<AuditChainAnchor> builder)
    {
        builder.ToTable("audit_chain_anchors");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.TableName).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => new { a.TableName, a.ChainSeq }).IsUnique();
    }

    /// <summary>The chain's columns on a chained table.</summary>
    internal static void Map<T>(EntityTypeBuilder<T> b)
        where T : class, IChained
    {
        b.Property(e => e.PrevHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.ChainSeq).IsUnique();
    }
}
