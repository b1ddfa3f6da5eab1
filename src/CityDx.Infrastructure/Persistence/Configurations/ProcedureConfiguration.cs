using CityDx.Domain.Cases;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>Procedures (手続き), their form versions (様式) and staff-time standards.</summary>
internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> b)
    {
        b.ToTable("procedures");
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(64);
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.NameJa).HasMaxLength(200);
        b.Property(p => p.NameEn).HasMaxLength(200);
        b.Property(p => p.DescriptionJa).HasMaxLength(4000);
        b.Property(p => p.DescriptionEn).HasMaxLength(4000);
        b.Property(p => p.Category).HasMaxLength(64);
        b.Property(p => p.LifeEvents).HasMaxLength(400);
        b.Property(p => p.Keywords).HasMaxLength(1000);
        b.Property(p => p.EligibilityJa).HasMaxLength(2000);
        b.Property(p => p.EligibilityEn).HasMaxLength(2000);
        b.Property(p => p.RequiredDocumentsJa).HasMaxLength(4000);
        b.Property(p => p.RequiredDocumentsEn).HasMaxLength(4000);
        b.Property(p => p.SearchText).HasMaxLength(12000);
        b.Property(p => p.WorkflowJson).HasMaxLength(64000);
        b.Ignore(p => p.Workflow);
        b.Ignore(p => p.LifeEventList);
        b.HasIndex(p => new { p.IsPublished, p.Category });
        b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(p => p.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FormVersion>().WithMany().HasForeignKey(p => p.CurrentFormVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersion>
{
    public void Configure(EntityTypeBuilder<FormVersion> b)
    {
        b.ToTable("form_versions");
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.ProcedureId, v.VersionNumber }).IsUnique();
        // At most one draft per procedure (Status 0 = Draft); published versions are immutable by trigger.
        b.HasIndex(v => v.ProcedureId).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_form_versions_one_draft");
        b.HasOne<Procedure>().WithMany().HasForeignKey(v => v.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(v => v.Definition);
    }
}

internal sealed class StaffTimeStandardConfiguration : IEntityTypeConfiguration<StaffTimeStandard>
{
    public void Configure(EntityTypeBuilder<StaffTimeStandard> b)
    {
        b.ToTable("staff_time_standards");
        b.HasKey(s => s.ProcedureId);
        b.Property(s => s.UpdatedByUserId).HasMaxLength(450);
        b.Ignore(s => s.SavedMinutesPerOnlineFiling);
        b.HasOne<Procedure>().WithOne().HasForeignKey<StaffTimeStandard>(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
    }
}
