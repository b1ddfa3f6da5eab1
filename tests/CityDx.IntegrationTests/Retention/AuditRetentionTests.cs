using CityDx.Application.Retention;
using CityDx.Domain.Auditing;
using CityDx.Infrastructure.Mail;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using CityDx.Web.Startup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityDx.IntegrationTests.Retention;

/// <summary>
/// 保存期間 of the audit log and the mail outbox (issue #16, items 4 and 5) on PostgreSQL, with a
/// clock the test moves: audit entries go after five years through the one deletion the database
/// allows, and verification still passes; delivered mail goes after 30 days; failed mail keeps
/// its address and body only while it is still being retried.
/// </summary>
public sealed class AuditRetentionTests(AuditRetentionTests.ClockFactory factory) : IClassFixture<AuditRetentionTests.ClockFactory>
{
    public sealed class ClockFactory : CityDxFactory
    {
        public AdjustableClock Clock { get; } = new();
        public TestSmtpServer Smtp { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Mail:Mode", "Smtp");
            builder.UseSetting("Mail:SmtpHost", "127.0.0.1");
            builder.UseSetting("Mail:SmtpPort", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:MaxAttempts", "2");
            // Quartz reads the same clock: moved by years, the nightly retention trigger would fire by itself mid-test.
            builder.UseSetting("Retention:Cron", "0 0 0 1 1 ? 2099");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        public override async Task DisposeAsync()
        {
            await Smtp.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private async Task<ApplyRetention.Result> RetainAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApplyRetention.Run>().ExecuteAsync(default)).Result;
    }

    private async Task DeliverAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
    }

    [Fact]
    public async Task Audit_entries_past_five_years_are_purged_only_by_retention_and_the_chain_still_verifies()
    {
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync("/staff/cases");
        var oldIds = await ApiClients.QueryAsync(factory, db => db.AuditLog.Select(e => e.Id).ToListAsync());
        Assert.NotEmpty(oldIds);

        // Four years on nothing is due; a fresh entry is written then.
        factory.Clock.Advance(TimeSpan.FromDays(4 * 365));
        Assert.Equal(0, (await RetainAsync()).AuditEntriesPurged);
        kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync("/staff/cases?status=Submitted");
        var recent = await ApiClients.QueryAsync(factory, db => db.AuditLog.OrderByDescending(e => e.ChainSeq).Select(e => e.Id).FirstAsync());

        // Even now, an ordinary DELETE of an old entry is refused by the database.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var oldest = oldIds[0];
            await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE \"Id\" = {oldest}"));
        }

        // Five years and a bit after the first entries: retention purges them, and only them.
        factory.Clock.Advance(TimeSpan.FromDays(366 + 30));
        var run = await RetainAsync();
        Assert.True(run.AuditEntriesPurged >= oldIds.Count);
        var left = await ApiClients.QueryAsync(factory, db => db.AuditLog.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(left, e => oldIds.Contains(e.Id));
        Assert.Contains(left, e => e.Id == recent);
        var purge = Assert.Single(left, e => e.Action == AuditActions.AuditPurge);
        Assert.Equal(ApplyRetention.SystemActor, purge.ActorId);
        var anchor = Assert.Single(await ApiClients.QueryAsync(factory, db => db.AuditChainAnchors.ToListAsync()));
        Assert.Equal(left.Min(e => e.ChainSeq) - 1, anchor.ChainSeq);

        // What remains verifies from the anchor; removing the now-oldest row by hand is caught.
        var output = new StringWriter();
        Assert.True(await factory.Services.VerifyAuditAsync(output) == 0, output.ToString());
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"SET session_replication_role = replica; DELETE FROM audit_entries WHERE \"ChainSeq\" = {anchor.ChainSeq + 1}; SET session_replication_role = origin;", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        output = new StringWriter();
        Assert.Equal(1, await factory.Services.VerifyAuditAsync(output));
        Assert.Contains($"audit_entries: rows {anchor.ChainSeq + 1}–{anchor.ChainSeq + 1} were removed", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sent_mail_goes_after_thirty_days_and_failed_mail_loses_address_and_body_after_its_last_attempt()
    {
        // The mail server is down: two attempts (Mail:MaxAttempts), then the mail is given up.
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (failedCase, _) = await Filing.FileDogRegistrationAsync(citizen);
        await DeliverAsync();
        var retrying = await ApiClients.QueryAsync(factory, db => db.Outbox.AsNoTracking().SingleAsync(m => m.CaseId == failedCase));
        Assert.Equal((1, "citizen@example.jp", (DateTimeOffset?)null), (retrying.Attempts, retrying.To, retrying.GaveUpAt));
        Assert.NotEmpty(retrying.Body);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await DeliverAsync();
        var failed = await ApiClients.QueryAsync(factory, db => db.Outbox.AsNoTracking().SingleAsync(m => m.CaseId == failedCase));
        Assert.Equal((2, "", ""), (failed.Attempts, failed.To, failed.Body));
        Assert.NotEmpty(failed.Kind);
        Assert.NotNull(failed.GaveUpAt);
        Assert.NotNull(failed.LastError);

        // Given up, it is not tried again when the server is back.
        factory.Smtp.Start();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (sentCase, receipt) = await Filing.FileDogRegistrationAsync(citizen);
        await DeliverAsync();
        Assert.Single(factory.Smtp.Received, m => m.Subject?.Contains(receipt, StringComparison.Ordinal) == true);
        Assert.Equal(2, (await ApiClients.QueryAsync(factory, db => db.Outbox.AsNoTracking().SingleAsync(m => m.CaseId == failedCase))).Attempts);

        // Delivered mail stays 30 days, then goes; the given-up mail's metadata stays for the operator.
        factory.Clock.Advance(TimeSpan.FromDays(29));
        await RetainAsync();
        Assert.True(await ApiClients.QueryAsync(factory, db => db.Outbox.AnyAsync(m => m.CaseId == sentCase)));
        factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True((await RetainAsync()).MailsDeleted >= 1);
        Assert.False(await ApiClients.QueryAsync(factory, db => db.Outbox.AnyAsync(m => m.CaseId == sentCase)));
        Assert.True(await ApiClients.QueryAsync(factory, db => db.Outbox.AnyAsync(m => m.CaseId == failedCase)));
    }
}
