using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>A citizen's filing before it is sent, and its files.</summary>
internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> b)
    {
        b.ToTable("drafts");
        b.HasKey(d => d.Id);
        b.Property(d => d.ApplicantUserId).HasMaxLength(450);
        b.Property(d => d.CompletedStepKeys).HasMaxLength(4000);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.Answers);
        b.Ignore(d => d.CompletedSteps);
        b.Ignore(d => d.IsSubmitted);
        // My applications lists a citizen's open drafts; the retention job finds expired ones.
        b.HasIndex(d => new { d.ApplicantUserId, d.UpdatedAt });
        b.HasIndex(d => d.ExpiresAt);
        // The funnel roll-up: drafts changed since the last run, and those started on a day.
        b.HasIndex(d => d.UpdatedAt);
        b.HasIndex(d => d.CreatedAt);
        b.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FormVersion>().WithMany().HasForeignKey(d => d.FormVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.ApplicantUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DraftFileConfiguration : IEntityTypeConfiguration<DraftFile>
{
    public void Configure(EntityTypeBuilder<DraftFile> b)
    {
        b.ToTable("draft_files");
        b.HasKey(f => f.Id);
        b.Property(f => f.FieldKey).HasMaxLength(200);
        b.ComplexProperty(f => f.File, FileMetadataMapping.MapFileColumns);
        b.HasIndex(f => f.DraftId);
        b.HasOne<Draft>().WithMany().HasForeignKey(f => f.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}
