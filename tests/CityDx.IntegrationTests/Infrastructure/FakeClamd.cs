using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>
/// A clamd that speaks the real INSTREAM protocol on a local port and finds the EICAR test string:
/// the portal's scanner talks to it exactly as it would to clamd.
/// </summary>
public sealed class FakeClamd : IAsyncDisposable
{
    public const string Eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeClamd()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Files scanned so far.</summary>
    public int Scanned { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var command = new byte["zINSTREAM\0".Length];
            await stream.ReadExactlyAsync(command);
            var content = new MemoryStream();
            var length = new byte[4];
            while (true)
            {
                await stream.ReadExactlyAsync(length);
                var size = BinaryPrimitives.ReadUInt32BigEndian(length);
                if (size == 0)
                {
                    break;
                }

                var chunk = new byte[size];
                await stream.ReadExactlyAsync(chunk);
                content.Write(chunk);
            }

            Scanned++;
            var infected = Encoding.ASCII.GetString(content.ToArray()).Contains(Eicar, StringComparison.Ordinal);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(infected ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
