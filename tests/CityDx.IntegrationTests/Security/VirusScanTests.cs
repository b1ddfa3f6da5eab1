using System.Net;
using System.Text;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Security;

/// <summary>
/// The optional virus scan: with clamd configured every upload is streamed to it; an infected file is
/// refused with a clear message and kept in quarantine, a clean one is accepted, and when clamd does
/// not answer nothing is taken unchecked.
/// </summary>
public sealed class VirusScanTests(VirusScanTests.ScanFactory factory) : IClassFixture<VirusScanTests.ScanFactory>, IAsyncLifetime
{
    private const string Code = "test-scan";

    public sealed class ScanFactory : CityDxFactory
    {
        public FakeClamd Clamd { get; } = new();
        public string Quarantine { get; } = Path.Combine(Path.GetTempPath(), "citydx-quarantine-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Files:ClamAv:Host", "127.0.0.1");
            builder.UseSetting("Files:ClamAv:Port", Clamd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Files:ClamAv:QuarantineRoot", Quarantine);
        }

        public override async Task DisposeAsync()
        {
            await Clamd.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    public Task InitializeAsync() => SeedAsync(factory);

    /// <summary>A procedure whose one question is a PDF upload.</summary>
    internal static async Task SeedAsync(CityDxFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        if (await db.Procedures.AnyAsync(p => p.Code == Code))
        {
            return;
        }

        var central = await db.OrganisationUnits.Where(u => u.Code == "central").Select(u => u.Id).SingleAsync();
        var procedure = new Procedure(Code, new ProcedureDetails("書類の提出", "Send a document", "", "", "registration", [], "", "", "", [], [], null,
            FeeTiming.None, 5, Routing.CentralProcessingCentre, ChannelSet.Online, central, Proxy: ProxyPolicy.NotAllowed));
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync();
        db.FormVersions.Add(procedure.PublishForm(new FormDefinition(
        [
            new("document", FieldType.FileUpload, "書類", "Document", AllowedFileTypes: ["pdf"], MaxFiles: 1),
        ]), 1, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_infected_file_is_refused_and_quarantined_and_a_clean_one_is_accepted()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var infected = Encoding.ASCII.GetBytes("%PDF-1.4\n" + FakeClamd.Eicar + "\n%%EOF\n");
        var first = await Filing.StartAsync(citizen, Code);

        var refused = await Filing.PostPageAsync(citizen, first, new Dictionary<string, string>(), [new TestFile("document", "scan.pdf", infected)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("ウイルスが検出された", string.Join(" ", (await PortalClient.ReadAsync(refused)).ErrorSummary()));
        var quarantined = Assert.Single(Directory.GetFiles(factory.Quarantine));
        Assert.Equal(infected, await File.ReadAllBytesAsync(quarantined));

        var clean = await Filing.PostPageAsync(citizen, first, new Dictionary<string, string>(), [new TestFile("document", "scan.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.Redirect, clean.StatusCode);
        Assert.Equal(2, factory.Clamd.Scanned);
    }
}

/// <summary>clamd configured but not answering: the upload is refused (fail closed) with a message, and nothing is saved.</summary>
public sealed class VirusScanUnavailableTests(VirusScanUnavailableTests.DownFactory factory) : IClassFixture<VirusScanUnavailableTests.DownFactory>
{
    public sealed class DownFactory : CityDxFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // A port nothing listens on: taken, then given back.
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            builder.UseSetting("Files:ClamAv:Host", "127.0.0.1");
            builder.UseSetting("Files:ClamAv:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task An_upload_is_refused_while_clamd_does_not_answer()
    {
        await VirusScanTests.SeedAsync(factory);
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var first = await Filing.StartAsync(citizen, "test-scan");

        var refused = await Filing.PostPageAsync(citizen, first, new Dictionary<string, string>(), [new TestFile("document", "scan.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("確認できませんでした", string.Join(" ", (await PortalClient.ReadAsync(refused)).ErrorSummary()));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().DraftFiles.AnyAsync());
    }
}
