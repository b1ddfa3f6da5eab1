using System.Net;
using CityDx.Application.Retention;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Retention;

/// <summary>保存期間 on PostgreSQL with a clock the test moves: expired drafts and orphan files go, closed cases are anonymised after their procedure's period.</summary>
public sealed class RetentionTests(ClockFactory factory) : IClassFixture<ClockFactory>
{
    [Fact]
    public async Task Drafts_orphans_and_closed_cases_past_their_period_are_purged_or_anonymised_and_statistics_stay()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        await Filing.StartAsync(citizen, "dog-registration");
        var (closedId, closedReceipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ムカシ");
        var (openId, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "イマ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        foreach (var action in new[] { CaseAction.Approve, CaseAction.Complete })
        {
            var done = await kita.PostFormAsync($"/staff/cases/{closedId}", new() { ["Action"] = action, ["Comment"] = "鑑札を郵送しました。ムカシさん宛て" },
                "main form[method=post]:has(input[name=Action])");
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        await kita.PostFormAsync($"/staff/cases/{closedId}", new() { ["Kind"] = "InternalNote", ["Body"] = "電話で本人確認済み(ムカシ)" }, "form[action*=Message]");
        string orphan, kept;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var files = scope.ServiceProvider.GetRequiredService<IFileStore>();
            orphan = (await files.SaveAsync(new MemoryStream([1, 2, 3]), default)).Key;
            kept = (await files.SaveAsync(new MemoryStream([4, 5, 6]), default)).Key;
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            db.Attachments.Add(new CityDx.Domain.Attachments.Attachment(Guid.NewGuid(), openId, "letter", new CityDx.Domain.Attachments.FileMetadata("a.pdf", "application/pdf", 3, "00", kept), factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        // Nothing is due yet: a run a day later deletes nothing the portal still needs.
        factory.Clock.Advance(TimeSpan.FromDays(2));
        var early = await RunAsync();
        Assert.Equal(0, early.Result.CasesAnonymised);
        Assert.Equal(0, early.Result.DraftsDeleted);

        // Five years and a day after the decision (the demo procedures keep five years).
        factory.Clock.Advance(TimeSpan.FromDays((5 * 366) + 1));
        int unsubmitted;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            unsubmitted = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Drafts.CountAsync(d => d.SubmittedAt == null);
        }

        var run = await RunAsync();
        Assert.True(unsubmitted >= 1);
        Assert.Equal(unsubmitted, run.Result.DraftsDeleted);
        Assert.Equal(1, run.Result.CasesAnonymised);

        await using var check = factory.Services.CreateAsyncScope();
        var store = check.ServiceProvider.GetRequiredService<IFileStore>();
        Assert.Throws<FileNotFoundException>(() => store.OpenRead(orphan).Dispose());
        store.OpenRead(kept).Dispose();

        var database = check.ServiceProvider.GetRequiredService<CityDxDbContext>();
        Assert.Empty(await database.Drafts.Where(d => d.SubmittedAt == null).ToListAsync());
        var closed = await database.Cases.AsNoTracking().SingleAsync(c => c.Id == closedId);
        Assert.Equal(("{}", (string?)null, (string?)null), (closed.AnswersJson, closed.ApplicantUserId, closed.ApplicantName));
        Assert.NotNull(closed.AnonymisedAt);
        // What statistics need stays: procedure, unit, channel, state, dates, receipt number.
        Assert.Equal((CaseStatus.Completed, Channel.Online, closedReceipt), (closed.Status, closed.Channel, closed.ReceiptNumber));
        Assert.NotNull(closed.DecidedAt);
        Assert.DoesNotContain(await database.CaseHistory.Where(h => h.CaseId == closedId).Select(h => h.Comment).ToListAsync(), c => c != null);
        Assert.All(await database.CaseMessages.Where(m => m.CaseId == closedId).Select(m => m.Body).ToListAsync(), b => Assert.Equal("", b));
        Assert.Single(await database.AuditLog.Where(a => a.CaseId == closedId && a.Action == "case.anonymise" && a.ActorId == ApplyRetention.SystemActor).ToListAsync());

        // The open case is untouched, and the citizen no longer finds the anonymised one.
        Assert.Equal("イマ", (await database.Cases.AsNoTracking().SingleAsync(c => c.Id == openId)).Answers["dog_name"]);
        var again = await PortalClient.SignedInAsync(factory, Demo.Citizen); // five years on, the old session has long ended
        Assert.DoesNotContain(closedReceipt, (await again.GetPageAsync("/my/applications")).Body!.TextContent);
    }

    private async Task<(ApplyRetention.Result Result, int FilesDeleted)> RunAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplyRetention.Run>().ExecuteAsync(default);
    }
}
