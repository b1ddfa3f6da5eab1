using System.Collections.Concurrent;
using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Applications;

/// <summary>
/// 受付番号 are random, so two cases can draw the same one (ADR 0006): the database refuses the
/// second, and the submission tries again with a fresh number instead of failing the citizen.
/// The collision is forced through the receipt-number source (issue #16).
/// </summary>
public sealed class SubmissionReceiptCollisionTests(SubmissionReceiptCollisionTests.ScriptedFactory factory)
    : IClassFixture<SubmissionReceiptCollisionTests.ScriptedFactory>
{
    /// <summary>Hands out the numbers queued by the test first, then random ones; counts what it was asked.</summary>
    public sealed class ScriptedReceiptNumbers : IReceiptNumbers
    {
        private int _asked;

        public ConcurrentQueue<string> Forced { get; } = new();

        public int Asked => _asked;

        public string Next()
        {
            Interlocked.Increment(ref _asked);
            return Forced.TryDequeue(out var number) ? number : ReceiptNumber.Generate();
        }
    }

    public sealed class ScriptedFactory : CityDxFactory
    {
        public ScriptedReceiptNumbers Numbers { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IReceiptNumbers>(Numbers));
        }
    }

    [Fact]
    public async Task A_receipt_number_already_taken_is_drawn_again_and_the_application_is_filed()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (firstId, taken) = await Filing.FileDogRegistrationAsync(citizen, dogName: "一件目");

        // The next submission draws the number the first case already has, then a fresh one.
        factory.Numbers.Forced.Enqueue(taken);
        var askedBefore = factory.Numbers.Asked;
        var (secondId, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "二件目");

        Assert.Equal(askedBefore + 2, factory.Numbers.Asked);
        Assert.NotEqual(firstId, secondId);
        Assert.NotEqual(taken, receipt);
        Assert.True(ReceiptNumber.IsValid(receipt));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var second = await db.Cases.Include(c => c.History).SingleAsync(c => c.Id == secondId);
        Assert.Equal(receipt, second.ReceiptNumber);
        Assert.Single(second.History);
        Assert.Equal(1, await db.Cases.CountAsync(c => c.ReceiptNumber == taken));
        // The confirmation mail names the number the case got, not the one that collided.
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.CaseId == secondId && m.Subject.Contains(receipt)));
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.CaseId == secondId && m.Subject.Contains(taken)));
    }
}
