using CityDx.Domain.Cases;
using CityDx.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>fee_payments: payments and refunds of case fees; a provider's transaction id is unique, so a repeated callback is recognised.</summary>
public sealed class FeePaymentConfiguration : IEntityTypeConfiguration<FeePayment>
{
    public void Configure(EntityTypeBuilder<FeePayment> builder)
    {
        builder.ToTable("fee_payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Channel).HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(FeePayment.MaxReferenceLength);
        builder.Property(p => p.ProviderTransactionId).HasMaxLength(FeePayment.MaxReferenceLength);
        builder.Property(p => p.Reason).HasMaxLength(FeePayment.MaxReasonLength);
        builder.Property(p => p.RecordedBy).HasMaxLength(450);
        builder.HasIndex(p => p.ProviderTransactionId).IsUnique().HasFilter("\"ProviderTransactionId\" IS NOT NULL");
        builder.HasIndex(p => new { p.CaseId, p.RecordedAt });
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
