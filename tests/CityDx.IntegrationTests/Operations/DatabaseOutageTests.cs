using System.Net;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace CityDx.IntegrationTests.Operations;

/// <summary>
/// The case store goes away and comes back: pages say so with a friendly 503, the API with a 503
/// ProblemDetails, readiness fails while liveness passes, and the app recovers without a restart;
/// an application acknowledged before the outage is still there.
/// </summary>
public sealed class DatabaseOutageTests(DatabaseOutageTests.OutageFactory factory) : IClassFixture<DatabaseOutageTests.OutageFactory>
{
    public sealed class OutageFactory : CityDxFactory
    {
        public TcpOutage Outage { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            var real = new NpgsqlConnectionStringBuilder(await PostgresServer.AdminConnectionStringAsync());
            Outage = new TcpOutage(real.Host!, real.Port);
            Outage.Start();
            await base.InitializeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The app reaches PostgreSQL only through the relay; few, quick retries so the test does not wait.
            var direct = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = Outage.Port, Timeout = 3 };
            builder.UseSetting("Database:ConnectionString", direct.ConnectionString);
            builder.UseSetting("Database:MaxRetryCount", "1");
            builder.UseSetting("Database:MaxRetryDelaySeconds", "0");
        }

        public override async Task DisposeAsync()
        {
            Outage.Start();
            await base.DisposeAsync();
            await Outage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pages_and_api_answer_503_while_the_database_is_away_and_recover_without_a_restart()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "テイデン");
        var anonymous = PortalClient.Create(factory);

        factory.Outage.Cut();
        NpgsqlConnection.ClearAllPools();

        var page = await anonymous.Http.GetAsync("/procedures");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("ただいまサービスを利用できません", html);
        Assert.DoesNotContain("Npgsql", html);
        Assert.DoesNotContain("Exception", html);
        Assert.NotNull(page.Headers.RetryAfter);

        var api = await anonymous.Http.GetAsync("/api/v1/procedures");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.Http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/health/live")).StatusCode);

        // A filing attempted during the outage is not acknowledged: no receipt number is shown.
        var during = await citizen.Http.PostAsync("/procedures/dog-registration/apply", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.Redirect, during.StatusCode);

        factory.Outage.Start();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/health/ready")).StatusCode);
        await anonymous.GetPageAsync("/procedures");
        var mine = await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Contains(receipt, mine.Body!.TextContent);
        var (_, after) = await Filing.FileDogRegistrationAsync(citizen, dogName: "フッキュウ");
        Assert.NotEqual(receipt, after);
    }
}
