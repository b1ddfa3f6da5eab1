using System.Security.Cryptography;

namespace CityDx.Infrastructure.Files;

/// <summary>
/// Where attachment bytes live. The file system (outside the web root) is the default; an object
/// store for several nodes is the reason this is an interface.
/// </summary>
public interface IFileStore
{
    /// <summary>Copies the stream into the store; returns its key, size and SHA-256 (lower-case hex).</summary>
    Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken);

    Stream OpenRead(string key);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every stored file last written before <paramref name="before"/> (the retention job looks for files nothing refers to).</summary>
    IEnumerable<string> ListWrittenBefore(DateTimeOffset before);
}

public sealed record StoredFile(string Key, long Size, string Sha256);

/// <summary>Configuration section "Files".</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files";

    /// <summary>Folder for attachments; default "attachments" under the data folder (never under wwwroot).</summary>
    public string? Root { get; set; }
}

public sealed class FileSystemFileStore(string root) : IFileStore
{
    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        // Keys are made here, never from a user's file name: no path can be smuggled in.
        var key = $"{DateTime.UtcNow:yyyy/MM}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }

            await file.FlushAsync(cancellationToken);
        }

        return new StoredFile(key, size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public IEnumerable<string> ListWrittenBefore(DateTimeOffset before)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var prefix = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(path) < before.UtcDateTime)
            {
                yield return Path.GetFullPath(path)[prefix.Length..].Replace(Path.DirectorySeparatorChar, '/');
            }
        }
    }

    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(root, key));
        if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("File key outside the store.");
        }

        return full;
    }
}
