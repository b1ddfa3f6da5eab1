using System.Collections.Concurrent;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace CityDx.IntegrationTests.Security;

/// <summary>No personal data in the logs: a filing's answers, names and addresses never appear in any log event.</summary>
public sealed class LogPrivacyTests(LogPrivacyTests.CapturingFactory factory) : IClassFixture<LogPrivacyTests.CapturingFactory>
{
    public sealed class CapturingFactory : CityDxFactory
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");
            // Serilog reads sinks registered in the container (ReadFrom.Services).
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new Capture(Events)));
        }

        private sealed class Capture(ConcurrentQueue<LogEvent> events) : ILogEventSink
        {
            public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
        }
    }

    [Fact]
    public async Task A_filing_and_a_decision_log_ids_and_timings_but_no_answer()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var secrets = Filing.DogAnswers("ゴンザエモン");
        secrets["WardId"] = await Filing.WardIdAsync(citizen, "北区役所");
        secrets["Answers[breed]"] = "ラブラドールレトリバー";
        var response = await Filing.ApplyAsync(citizen, "dog-registration", secrets);
        var caseId = response.Headers.Location!.ToString().Split('/')[3];
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = "Reject", ["Comment"] = "ヒミツノリユウ" });

        var logged = factory.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + string.Join(" ", e.Properties.Values.Select(v => v.ToString()))).ToList();
        Assert.Contains(logged, l => l.Contains("SubmitApplication.Command", StringComparison.Ordinal));
        foreach (var value in new[] { "ゴンザエモン", "ラブラドールレトリバー", "0662088181", "6208-8181", "ヒミツノリユウ", Demo.Citizen, PortalClient.DemoPassword })
        {
            Assert.DoesNotContain(logged, l => l.Contains(value, StringComparison.Ordinal));
        }
    }
}
