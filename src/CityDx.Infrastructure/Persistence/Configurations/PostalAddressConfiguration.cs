using CityDx.Domain.Japanese;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence.Configurations;

/// <summary>郵便番号 → 住所, from Japan Post's KEN_ALL.</summary>
internal sealed class PostalAddressConfiguration : IEntityTypeConfiguration<PostalAddress>
{
    public void Configure(EntityTypeBuilder<PostalAddress> b)
    {
        b.ToTable("postal_addresses");
        b.HasKey(a => new { a.PostalCode, a.City, a.Town });
        b.Property(a => a.PostalCode).HasMaxLength(7);
        b.Property(a => a.PrefectureCode).HasMaxLength(2);
        b.Property(a => a.Prefecture).HasMaxLength(16);
        b.Property(a => a.City).HasMaxLength(64);
        b.Property(a => a.Town).HasMaxLength(200);
        b.Property(a => a.PrefectureKana).HasMaxLength(32);
        b.Property(a => a.CityKana).HasMaxLength(128);
        b.Property(a => a.TownKana).HasMaxLength(400);
        b.HasIndex(a => a.PrefectureCode);
    }
}
