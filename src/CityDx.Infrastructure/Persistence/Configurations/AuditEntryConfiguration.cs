using CityDx.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>監査ログ.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        // Append-only by trigger too. The admin search reads newest first by (at, id), narrowed by
        // receipt number, actor or action: one index for each, so no search scans the table.
        b.ToTable("audit_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.Action).HasMaxLength(AuditEntry.MaxActionLength);
        b.Property(e => e.ReceiptNumber).HasMaxLength(16);
        b.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        b.HasIndex(e => new { e.At, e.Id });
        b.HasIndex(e => new { e.ReceiptNumber, e.At, e.Id });
        b.HasIndex(e => new { e.ActorId, e.At, e.Id });
        b.HasIndex(e => new { e.Action, e.At, e.Id });
    }
}
