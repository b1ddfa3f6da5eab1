using CityDx.Domain.Organisation;
using CityDx.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>The organisation tree and who works in which unit.</summary>
internal sealed class OrganisationUnitConfiguration : IEntityTypeConfiguration<OrganisationUnit>
{
    public void Configure(EntityTypeBuilder<OrganisationUnit> b)
    {
        b.ToTable("organisation_units");
        b.HasKey(u => u.Id);
        b.Property(u => u.Code).HasMaxLength(64);
        b.HasIndex(u => u.Code).IsUnique();
        b.Property(u => u.NameJa).HasMaxLength(200);
        b.Property(u => u.NameEn).HasMaxLength(200);
        b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMembershipConfiguration : IEntityTypeConfiguration<StaffMembership>
{
    public void Configure(EntityTypeBuilder<StaffMembership> b)
    {
        b.ToTable("staff_memberships");
        b.HasKey(m => new { m.UserId, m.OrganisationUnitId });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(m => m.OrganisationUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
