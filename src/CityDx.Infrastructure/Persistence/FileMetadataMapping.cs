using CityDx.Domain.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityDx.Infrastructure.Persistence;

/// <summary>
/// <see cref="FileMetadata"/> as a complex type on the owning row's own columns, named as they were
/// before the value type existed (FileName, ContentType, Size, Sha256, StorageKey): one mapping for
/// attachments, draft_files and issued_documents, and the schema unchanged.
/// </summary>
internal static class FileMetadataMapping
{
    public static void MapFileColumns(ComplexPropertyBuilder<FileMetadata> file)
    {
        file.Property(f => f.FileName).HasColumnName(nameof(FileMetadata.FileName)).HasMaxLength(200);
        file.Property(f => f.ContentType).HasColumnName(nameof(FileMetadata.ContentType)).HasMaxLength(100);
        file.Property(f => f.Size).HasColumnName(nameof(FileMetadata.Size));
        file.Property(f => f.Sha256).HasColumnName(nameof(FileMetadata.Sha256)).HasMaxLength(64);
        file.Property(f => f.StorageKey).HasColumnName(nameof(FileMetadata.StorageKey)).HasMaxLength(200);
    }
}
