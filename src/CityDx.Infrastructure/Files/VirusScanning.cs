using System.Buffers.Binary;
using System.ComponentModel.DataAnnotations;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CityDx.Infrastructure.Files;

/// <summary>The verdict on one file: clean, or infected with the named signature.</summary>
public sealed record ScanResult(bool Clean, string? Signature = null);

/// <summary>Thrown when the scanner cannot give a verdict (clamd down or answering nonsense): uploads fail closed.</summary>
public sealed class ScannerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Checks an uploaded file for malware before it is accepted. Off by default (<see cref="NoVirusScanner"/>);
/// with "Files:ClamAv:Host" set, every upload goes through clamd (<see cref="ClamdScanner"/>).
/// </summary>
public interface IVirusScanner
{
    Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken);
}

/// <summary>No scanning configured: every file is taken as clean (its type is still checked by content).</summary>
public sealed class NoVirusScanner : IVirusScanner
{
    public Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken) => Task.FromResult(new ScanResult(true));
}

/// <summary>Configuration section "Files:ClamAv".</summary>
public sealed class ClamAvOptions
{
    public const string Section = "Files:ClamAv";

    /// <summary>clamd's host; scanning is on when set.</summary>
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Files:ClamAv:Port must be between {1} and {2}.")]
    public int Port { get; set; } = 3310;

    [Range(1, 600, ErrorMessage = "Files:ClamAv:TimeoutSeconds must be between {1} and {2}.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Where infected files are kept for inspection (never served); default "quarantine" under the data folder.</summary>
    public string? QuarantineRoot { get; set; }
}

/// <summary>
/// clamd's INSTREAM command over TCP ("zINSTREAM\0", then chunks each prefixed with its length as a
/// 4-byte big-endian number, then a zero length; the reply is "stream: OK" or "stream: &lt;name&gt; FOUND").
/// An infected file is copied to the quarantine folder, named by its SHA-256, and logged without
/// anything about the person who sent it.
/// </summary>
public sealed class ClamdScanner(ClamAvOptions options, string quarantineRoot, ILogger<ClamdScanner> logger) : IVirusScanner
{
    private const int ChunkSize = 64 * 1024;

    public async Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var copy = new MemoryStream();
        string reply;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(options.Host!, options.Port, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var buffer = new byte[ChunkSize];
            var length = new byte[4];
            int read;
            while ((read = await content.ReadAsync(buffer, timeout.Token)) > 0)
            {
                copy.Write(buffer, 0, read);
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)read);
                await stream.WriteAsync(length, timeout.Token);
                await stream.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }

            BinaryPrimitives.WriteUInt32BigEndian(length, 0);
            await stream.WriteAsync(length, timeout.Token);
            reply = await ReadReplyAsync(stream, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ScannerUnavailableException("clamd did not answer.", ex);
        }

        if (reply.EndsWith("OK", StringComparison.Ordinal))
        {
            return new ScanResult(true);
        }

        if (reply.EndsWith("FOUND", StringComparison.Ordinal))
        {
            var signature = reply["stream: ".Length..^" FOUND".Length].Trim();
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy.ToArray()));
            Directory.CreateDirectory(quarantineRoot);
            await File.WriteAllBytesAsync(Path.Combine(quarantineRoot, sha + ".quarantine"), copy.ToArray(), cancellationToken);
            logger.LogWarning("Upload refused: {Signature} found; quarantined as {Sha256}", signature, sha);
            return new ScanResult(false, signature);
        }

        throw new ScannerUnavailableException("clamd answered: " + reply);
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reply = new List<byte>();
        var one = new byte[1];
        while (reply.Count < 1024 && await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != 0)
        {
            reply.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. reply]).Trim();
    }
}
