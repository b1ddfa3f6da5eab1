using System.Net;
using AngleSharp.Dom;
using CityDx.Domain.Cases;
using CityDx.Domain.Organisation;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Cases;

/// <summary>
/// Issue #16 item 7: every case can finish. A central processing centre case sent for approval is
/// decided by the centre's approver; while the centre has no approver, sending it (single or batch)
/// and turning approval on are refused with a message that says so; a refusal names its real reason
/// (the role, not the state).
/// </summary>
public sealed class CaseCanFinishTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private const string Procedure = "juminhyo-copy";

    /// <summary>Another central procedure for the workflow edit, so the cases the other tests leave awaiting approval do not hold its states.</summary>
    private const string EditedProcedure = "inkan-certificate";
    private const string NoApprover = "決裁できる決裁者(審査した人以外)がいないため、決裁に回せません";
    private const string NeedsApproverRole = "この処理は決裁者の権限が必要です";

    /// <summary>Cases of the central procedure at the centre (no fee), made directly like the batch tests do.</summary>
    private async Task<List<Guid>> CentralCasesAsync(int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var central = await db.OrganisationUnits.Where(u => u.Kind == OrganisationUnitKind.CentralProcessingCentre).Select(u => u.Id).SingleAsync();
        var procedure = await db.Procedures.SingleAsync(p => p.Code == Procedure);
        var citizenId = await db.Users.Where(u => u.Email == Demo.Citizen).Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var c = Case.Submit(ReceiptNumber.Generate(), procedure.Id, procedure.CurrentFormVersionId!.Value, citizenId, central, Channel.Online,
                new Dictionary<string, string>(), Guid.NewGuid(), DateOnly.FromDateTime(now.UtcDateTime).AddDays(10), citizenId, now.AddSeconds(i));
            db.Cases.Add(c);
            ids.Add(c.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Takes the central approver out of the centre for the duration of <paramref name="body"/>.</summary>
    private async Task WithoutCentralApproverAsync(Func<Task> body)
    {
        StaffMembership membership;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var approverId = await db.Users.Where(u => u.Email == Demo.CentralApprover).Select(u => u.Id).SingleAsync();
            membership = await db.StaffMemberships.SingleAsync(m => m.UserId == approverId);
            db.StaffMemberships.Remove(membership);
            await db.SaveChangesAsync();
        }

        try
        {
            await body();
        }
        finally
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            db.StaffMemberships.Add(new StaffMembership(membership.UserId, membership.OrganisationUnitId));
            await db.SaveChangesAsync();
        }
    }

    private static Task<HttpResponseMessage> ActAsync(PortalClient client, Guid caseId, string action, string comment = "") =>
        client.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = action, ["Comment"] = comment }, "main form[method=post]:has(input[name=Action])");

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> BatchAsync(PortalClient client, IEnumerable<Guid> ids, string action)
    {
        var queue = await client.GetPageAsync("/staff/cases");
        var form = queue.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#batch-form")!;
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("BatchActionCode", action) };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("Selected", id.ToString())));
        return await PortalClient.ReadAsync(await client.Http.PostAsync("/staff/cases?handler=Batch", new FormUrlEncodedContent(fields)));
    }

    [Fact]
    public async Task A_central_case_sent_for_approval_is_decided_by_the_centres_approver()
    {
        var id = (await CentralCasesAsync(1))[0];
        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(central, id, CaseAction.SubmitForApproval)).StatusCode);

        // The reviewer is offered no decision and, posting one anyway, is told the reason is the role, not the state.
        var waiting = await central.GetPageAsync($"/staff/cases/{id}");
        Assert.Null(waiting.QuerySelector("#action-Approve"));
        var refused = await PortalClient.ReadAsync(await central.PostFormAsync($"/staff/cases/{id}", new() { ["Action"] = CaseAction.Approve },
            "main form[method=post]:has(input[name=ExpectedVersion])", $"/staff/cases/{id}"));
        Assert.Contains(NeedsApproverRole, string.Join(" ", refused.ErrorSummary()));
        Assert.DoesNotContain("現在の状態ではその処理ができません", string.Join(" ", refused.ErrorSummary()));

        // Another unit's approver does not see it; the centre's approver decides it.
        var kitaApprover = await PortalClient.SignedInAsync(factory, Demo.KitaApprover);
        await kitaApprover.GetPageAsync($"/staff/cases/{id}", HttpStatusCode.NotFound);
        var approver = await PortalClient.SignedInAsync(factory, Demo.CentralApprover);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(approver, id, CaseAction.Approve)).StatusCode);
        Assert.Equal("承認", (await approver.GetPageAsync($"/staff/cases/{id}")).Text("#status"));
    }

    [Fact]
    public async Task Without_an_approver_sending_is_refused_singly_and_in_a_batch_and_batch_refusals_name_their_reason()
    {
        var ids = await CentralCasesAsync(3);
        var central = await PortalClient.SignedInAsync(factory, Demo.CentralStaff);
        await WithoutCentralApproverAsync(async () =>
        {
            var refused = await PortalClient.ReadAsync(await ActAsync(central, ids[0], CaseAction.SubmitForApproval));
            Assert.Contains(NoApprover, string.Join(" ", refused.ErrorSummary()));
            Assert.Equal("受付待ち", refused.Text("#status"));

            var batch = await BatchAsync(central, ids, CaseAction.SubmitForApproval);
            Assert.Contains("0件を処理しました。3件は処理できませんでした。", batch.Text("#batch-result"));
            Assert.Equal(3, batch.QuerySelectorAll("#batch-result tr.row--failed").Count(r => r.TextContent.Contains(NoApprover, StringComparison.Ordinal)));
        });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            Assert.Equal(3, await db.Cases.CountAsync(c => ids.Contains(c.Id) && c.Status == CaseStatus.Submitted));
        }

        // With the approver back, the batch sends them; approving them in a batch as the reviewer is a permission refusal.
        var sent = await BatchAsync(central, ids, CaseAction.SubmitForApproval);
        Assert.Contains("3件を処理しました。0件は処理できませんでした。", sent.Text("#batch-result"));
        var approve = await BatchAsync(central, ids, CaseAction.Approve);
        Assert.Equal(3, approve.QuerySelectorAll("#batch-result tr.row--failed").Count(r => r.TextContent.Contains(NeedsApproverRole, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Turning_approval_on_is_refused_while_the_centre_has_no_approver()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var url = $"/admin/procedures/{EditedProcedure}/workflow";
        var action = url + "?handler=Options";
        Task<HttpResponseMessage> SetApprovalAsync(bool on) =>
            admin.PostFormAsync(url, new() { ["RequiresApproval"] = on ? "true" : "false", ["PaymentGateShown"] = "true", ["PaymentBeforeReview"] = "true" }, "form[action*=Options]", action);

        try
        {
            await WithoutCentralApproverAsync(async () =>
            {
                // Turning approval off strands nothing; turning it back on would.
                Assert.Equal(HttpStatusCode.Redirect, (await SetApprovalAsync(false)).StatusCode);
                var refused = await PortalClient.ReadAsync(await SetApprovalAsync(true));
                Assert.Contains("事務センター(集中処理)には「決裁者」の役割を持つ職員がいないため、この変更はできません", string.Join(" ", refused.ErrorSummary()));
                Assert.False((await admin.GetPageAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#RequiresApproval")!.IsChecked);
            });

            Assert.Equal(HttpStatusCode.Redirect, (await SetApprovalAsync(true)).StatusCode);
            Assert.True((await admin.GetPageAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#RequiresApproval")!.IsChecked);
        }
        finally
        {
            await SetApprovalAsync(true);
        }
    }
}
