using CityDx.Domain.Integration;
using CityDx.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>Integration clients and the units each may see.</summary>
internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("api_clients");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(ApiClient.MaxNameLength);
        b.Property(c => c.SecretHash).HasMaxLength(32);
        b.Property(c => c.CreatedByUserId).HasMaxLength(450);
        b.Ignore(c => c.IsRevoked);
        b.Ignore(c => c.PrincipalId);
        b.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.ApiClientId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Units).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApiClientUnitConfiguration : IEntityTypeConfiguration<ApiClientUnit>
{
    public void Configure(EntityTypeBuilder<ApiClientUnit> b)
    {
        b.ToTable("api_client_units");
        b.HasKey(u => new { u.ApiClientId, u.OrganisationUnitId });
        b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(u => u.OrganisationUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
