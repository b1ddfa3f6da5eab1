using CityDx.Infrastructure.Mail;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Operations;

/// <summary>Mail goes through the outbox: written with the change, delivered over real SMTP, and not lost to an outage.</summary>
public sealed class MailTests : IClassFixture<MailTests.SmtpFactory>
{
    private readonly SmtpFactory _factory;

    public MailTests(SmtpFactory factory) => _factory = factory;

    public sealed class SmtpFactory : ClockFactory
    {
        public TestSmtpServer Smtp { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Mail:Mode", "Smtp");
            builder.UseSetting("Mail:SmtpHost", "127.0.0.1");
            builder.UseSetting("Mail:SmtpPort", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public override async Task DisposeAsync()
        {
            await Smtp.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private async Task<(int Sent, int Failed)> DeliverAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
    }

    [Fact]
    public async Task A_filing_confirmation_survives_an_smtp_outage_and_is_delivered_in_japanese()
    {
        var citizen = await PortalClient.SignedInAsync(_factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);

        // The mail server is down: the attempt fails, the message stays, nothing is lost.
        var first = await DeliverAsync();
        Assert.True(first.Failed >= 1);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var message = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Outbox.SingleAsync(m => m.CaseId == caseId);
            Assert.Null(message.SentAt);
            Assert.Equal(1, message.Attempts);
            Assert.DoesNotContain(receipt, message.LastError ?? "");
        }

        // It is not retried before its back-off ends…
        _factory.Smtp.Start();
        Assert.Equal((0, 0), await DeliverAsync());

        // …and is delivered once the server is back and the back-off has passed.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await DeliverAsync()).Sent >= 1);
        var mail = Assert.Single(_factory.Smtp.Received, m => m.Subject?.Contains(receipt, StringComparison.Ordinal) == true);
        Assert.Equal("citizen@example.jp", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("【大阪市】申請を受け付けました", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("処理予定日", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/my/applications/{caseId}", mail.TextBody, StringComparison.Ordinal);

        // Delivered once: a further run sends nothing again.
        Assert.Equal((0, 0), await DeliverAsync());
    }

    [Fact]
    public async Task A_decision_is_mailed_with_the_staff_comment()
    {
        var citizen = await PortalClient.SignedInAsync(_factory, Demo.Citizen2);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(_factory, Demo.KitaStaff);
        await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = "Reject", ["Comment"] = "市外にお住まいのため受け付けできません。" });

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var kinds = await db.Outbox.Where(m => m.CaseId == caseId).OrderBy(m => m.CreatedAt).Select(m => new { m.Kind, m.Body }).ToListAsync();
        Assert.Equal(["Submitted", "Decided"], kinds.Select(k => k.Kind));
        Assert.Contains("却下", kinds[1].Body, StringComparison.Ordinal);
        Assert.Contains("市外にお住まいのため受け付けできません。", kinds[1].Body, StringComparison.Ordinal);
        Assert.Contains(receipt, kinds[1].Body, StringComparison.Ordinal);
    }
}
