using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityDx.IntegrationTests.Operations;

/// <summary>
/// Every configuration section is checked when the app starts: one bad value stops it before the
/// database is touched (the connection string here leads nowhere), with a message naming the setting.
/// </summary>
public sealed class SettingsValidationTests
{
    private sealed class BadSettingFactory(string key, string value, string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", "Host=127.0.0.1;Port=1;Database=never_reached;Timeout=1");
            builder.UseSetting("Database:DataFolder", folder);
            builder.UseSetting("Mail:PickupFolder", Path.Combine(folder, "mail"));
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
            builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("Queue:BatchLimit", "0", "Queue:BatchLimit must be between 1 and 10000.")]
    [InlineData("Queue:PersonalDataRoles:0", "Everyone", "Queue:PersonalDataRoles may name only these roles")]
    [InlineData("Statistics:SuppressionThreshold", "0", "Statistics:SuppressionThreshold must be between 1 and 1000.")]
    [InlineData("Drafts:ExpiryDays", "400", "Drafts:ExpiryDays must be between 1 and 365.")]
    [InlineData("IssuedDocuments:DefaultValidDays", "0", "IssuedDocuments:DefaultValidDays must be between 1 and 3650.")]
    [InlineData("Calendar:ExtraClosedDates:0", "2027-02-30", "Calendar:AnnualClosures must be written MM-DD")]
    [InlineData("Mail:Mode", "Pigeon", "Mail:Mode must be Pickup or Smtp.")]
    [InlineData("Mail:PortalUrl", "portal", "Mail:PortalUrl must be an absolute http(s) address.")]
    [InlineData("Retention:Cron", "every night", "Retention:Cron must be a Quartz cron expression")]
    [InlineData("Session:WarningSeconds", "999999", "Session:WarningSeconds must be shorter than the session")]
    [InlineData("RateLimits:SignInPerMinute", "0", "RateLimits:SignInPerMinute must be between 1 and 100000.")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "the office", "ForwardedHeaders:KnownNetworks must each be a network in CIDR notation")]
    [InlineData("Authentication:Oidc:Enabled", "true", "Authentication:Oidc: Enabled needs Authority")]
    [InlineData("Database:MaxRetryCount", "-1", "Database:MaxRetryCount must be between 0 and 20.")]
    [InlineData("Files:ClamAv:Port", "70000", "Files:ClamAv:Port must be between 1 and 65535.")]
    [InlineData("Quartz:CheckinSeconds", "0", "Quartz:CheckinSeconds must be between 1 and 300.")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        var folder = Path.Combine(Path.GetTempPath(), "citydx-settings-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            using var factory = new BadSettingFactory(key, value, folder);
            var failure = Assert.ThrowsAny<Exception>(() => factory.Services);
            var messages = new List<string>();
            for (var e = failure; e is not null; e = e.InnerException)
            {
                messages.Add(e.Message);
                messages.AddRange((e as AggregateException)?.InnerExceptions.Select(i => i.Message) ?? []);
            }

            Assert.True(messages.Any(m => m.Contains(message, StringComparison.Ordinal)), $"Expected \"{message}\" in:\n{string.Join("\n", messages)}");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
