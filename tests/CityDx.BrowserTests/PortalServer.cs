using System.Net;
using System.Net.Sockets;
using CityDx.IntegrationTests.Infrastructure;

namespace CityDx.BrowserTests;

/// <summary>The portal on a real Kestrel port (a browser cannot reach the in-memory test server), on its own PostgreSQL database.</summary>
public sealed class PortalServer : CityDxFactory
{
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://localhost:{port}";
        UseKestrel(port);
        await base.InitializeAsync();
        StartServer();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
