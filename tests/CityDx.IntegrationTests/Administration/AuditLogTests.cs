using System.Net;
using AngleSharp.Dom;
using CityDx.Domain.Auditing;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityDx.IntegrationTests.Administration;

/// <summary>監査ログ: every staff read and change of a case leaves one entry; the log is append-only and searchable by admins only.</summary>
public sealed class AuditLogTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private Task<List<AuditEntry>> EntriesOfAsync(Guid caseId) =>
        ApiClients.QueryAsync(factory, db => db.AuditLog.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Id).ToListAsync());

    private Task<string> UserIdAsync(string email) =>
        ApiClients.QueryAsync(factory, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_staff_read_a_decision_and_a_download_each_leave_exactly_one_entry_and_the_citizen_leaves_none()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);
        await citizen.GetPageAsync($"/my/applications/{caseId}");
        Assert.Empty(await EntriesOfAsync(caseId));

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var kitaId = await UserIdAsync(Demo.KitaStaff);
        await kita.GetPageAsync($"/staff/cases/{caseId}");
        var read = Assert.Single(await EntriesOfAsync(caseId));
        Assert.Equal((AuditActions.CaseRead, kitaId, AuditActorKind.User, AuditOutcome.Ok, receipt), (read.Action, read.ActorId, read.ActorKind, read.Outcome, read.ReceiptNumber));

        // The decision form is read first (one more read), then posted: one "case.action" entry naming the action, not the comment.
        var decided = await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = "Approve", ["Comment"] = "鑑札を郵送します。" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var action = Assert.Single(await EntriesOfAsync(caseId), e => e.Action == AuditActions.CaseAction);
        Assert.Equal((kitaId, AuditOutcome.Ok, "Approve"), (action.ActorId, action.Outcome, action.Detail));
        Assert.DoesNotContain(await EntriesOfAsync(caseId), e => e.Detail?.Contains("鑑札", StringComparison.Ordinal) == true);

        Assert.Equal(HttpStatusCode.Redirect, (await CaseForms.PostWithFilesAsync(kita, $"/staff/cases/{caseId}", "form[action*=IssueDocument]", [], [("Document", "通知.pdf", Pdf)])).StatusCode);
        Assert.Single(await EntriesOfAsync(caseId), e => e.Action == AuditActions.CaseIssueDocument);
        var documentId = await ApiClients.QueryAsync(factory, db => db.IssuedDocuments.Where(d => d.CaseId == caseId).Select(d => d.Id).SingleAsync());

        var before = (await EntriesOfAsync(caseId)).Count;
        Assert.Equal(HttpStatusCode.OK, (await kita.Http.GetAsync($"/staff/cases/{caseId}/documents/{documentId}")).StatusCode);
        var after = await EntriesOfAsync(caseId);
        Assert.Equal(before + 1, after.Count);
        Assert.Equal((AuditActions.CaseDownload, kitaId, $"issued document {documentId}"), (after[^1].Action, after[^1].ActorId, after[^1].Detail));

        // The citizen's own download is not a staff read.
        Assert.Equal(HttpStatusCode.OK, (await citizen.Http.GetAsync($"/my/applications/{caseId}/documents/{documentId}")).StatusCode);
        Assert.Equal(after.Count, (await EntriesOfAsync(caseId)).Count);
    }

    [Fact]
    public async Task Another_wards_attempt_is_recorded_as_not_found()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);
        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);

        await miyakojima.GetPageAsync($"/staff/cases/{caseId}", HttpStatusCode.NotFound);

        var entry = Assert.Single(await EntriesOfAsync(caseId));
        Assert.Equal((AuditActions.CaseRead, await UserIdAsync(Demo.MiyakojimaStaff), AuditOutcome.NotFound, receipt),
            (entry.Action, entry.ActorId, entry.Outcome, entry.ReceiptNumber));
    }

    [Fact]
    public async Task Listing_the_queue_leaves_one_list_entry_without_a_case()
    {
        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        var centralId = await UserIdAsync(Demo.CentralStaff);
        await central.GetPageAsync("/staff/cases?status=Submitted");
        var entry = Assert.Single(await ApiClients.QueryAsync(factory, db => db.AuditLog.Where(e => e.ActorId == centralId).ToListAsync()));
        Assert.Equal((AuditActions.QueueList, (Guid?)null, "unit= procedure= status=Submitted sort=Due"), (entry.Action, entry.CaseId, entry.Detail));
    }

    [Fact]
    public async Task The_log_refuses_update_and_delete_in_the_database_and_in_the_application()
    {
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync("/staff/cases");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var update = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Detail\" = 'changed'"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries"));

        db.AuditLog.Remove(await db.AuditLog.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.True(await db.AuditLog.AnyAsync());
    }

    [Theory]
    [InlineData(Demo.KitaStaff)]
    [InlineData(Demo.Analyst)]
    [InlineData(Demo.Citizen)]
    [InlineData(Demo.FacilitiesAdmin)]
    public async Task Only_city_admins_open_the_audit_log(string email)
    {
        var someone = await PortalClient.SignedInAsync(factory, email);
        var response = await someone.Http.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await someone.GetPageAsync("/account/access-denied", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admins_search_by_receipt_number_actor_action_and_date()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);
        var (_, otherReceipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "タロ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var approver = await PortalClient.SignedInAsync(factory, Demo.KitaApprover);
        await kita.GetPageAsync($"/staff/cases/{caseId}");
        await approver.GetPageAsync($"/staff/cases/{caseId}");
        await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = "StartReview", ["Comment"] = "" });

        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var byReceipt = Rows(await admin.GetPageAsync($"/admin/audit?receipt={receipt}"));
        Assert.Equal(4, byReceipt.Count); // two reads, the read of the form, the action — newest first
        Assert.All(byReceipt, r => Assert.Equal(receipt, r.Receipt));
        Assert.Equal(["案件の処理(審査・決裁)", "案件の閲覧", "案件の閲覧", "案件の閲覧"], byReceipt.Select(r => r.Action));
        Assert.DoesNotContain(byReceipt, r => r.Receipt == otherReceipt);

        var byActor = Rows(await admin.GetPageAsync($"/admin/audit?receipt={receipt}&actor={Uri.EscapeDataString(Demo.KitaApprover)}"));
        Assert.Equal(Demo.KitaApprover, Assert.Single(byActor).Actor);

        var byAction = Rows(await admin.GetPageAsync($"/admin/audit?receipt={receipt}&action=case.action"));
        Assert.Equal(Demo.KitaStaff, Assert.Single(byAction).Actor);

        var today = Domain.JapanTime.DateOf(DateTimeOffset.UtcNow);
        Assert.Equal(4, Rows(await admin.GetPageAsync($"/admin/audit?receipt={receipt}&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).Count);
        Assert.Empty(Rows(await admin.GetPageAsync($"/admin/audit?receipt={receipt}&from={today.AddDays(1):yyyy-MM-dd}")));
        Assert.Empty(Rows(await admin.GetPageAsync($"/admin/audit?receipt={receipt}&to={today.AddDays(-1):yyyy-MM-dd}")));

        var wrongRange = await admin.GetPageAsync($"/admin/audit?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(["終了日は開始日と同じか、それより後の日付にしてください"], wrongRange.ErrorSummary());
        Assert.Equal("#To", wrongRange.QuerySelector(".error-summary a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Pages_follow_each_other_newest_first_without_gaps_or_repeats()
    {
        // 120 list entries at distinct times, some sharing a time (the id breaks the tie).
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var kitaId = await UserIdAsync(Demo.KitaStaff);
        await ApiClients.QueryAsync(factory, async db =>
        {
            for (var i = 0; i < 120; i++)
            {
                db.AuditLog.Add(new AuditEntry(start.AddMinutes(i / 2), kitaId, AuditActions.QueueExport, AuditOutcome.Ok, detail: $"n={i}"));
            }

            return await db.SaveChangesAsync();
        });

        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var seen = new List<string>();
        var url = "/admin/audit?action=queue.export&from=2026-06-01&to=2026-06-01";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 5);
            var page = await admin.GetPageAsync(url);
            seen.AddRange(Rows(page).Select(r => r.Detail));
            url = page.QuerySelector("main a[href*='after=']")?.GetAttribute("href");
        }

        // Newest first; two entries of one minute in reverse order of writing.
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"n={119 - i}"), seen);
    }

    private static List<(string Actor, string Action, string Receipt, string Detail)> Rows(IDocument page) =>
        page.QuerySelectorAll("#audit-entries tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => (c[1], c[2], c[3], c[5]))
            .ToList();
}
