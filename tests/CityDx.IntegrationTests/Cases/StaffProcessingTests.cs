using System.Net;
using System.Text;
using AngleSharp.Dom;
using CityDx.Application.Cases;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Cases;

/// <summary>Staff case processing on PostgreSQL: workflow with 決裁, separation of duties, queue filters, claim, batch, CSV, escalation.</summary>
public sealed class StaffProcessingTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private const string NotAllowed = "この案件は現在の状態ではその処理ができません";

    private async Task UseApprovalWorkflowAsync(string code = "dog-registration")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var procedure = await db.Procedures.SingleAsync(p => p.Code == code);
        procedure.ChangeWorkflow(CaseWorkflow.Default, [.. await db.Cases.Where(c => c.ProcedureId == procedure.Id).Select(c => c.Status).Distinct().ToListAsync()]);
        await db.SaveChangesAsync();
    }

    private static async Task<HttpResponseMessage> ActAsync(PortalClient client, Guid caseId, string action, string comment = "") =>
        await client.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = action, ["Comment"] = comment }, "main form[method=post]:has(input[name=Action])");

    [Fact]
    public async Task The_reviewer_sends_for_approval_a_different_approver_decides_and_a_reviewer_cannot_approve_their_own_case()
    {
        await UseApprovalWorkflowAsync();
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);

        // Staff see no approval among their actions; posting it anyway is refused and changes nothing.
        var detail = await kita.GetPageAsync($"/staff/cases/{caseId}");
        Assert.Null(detail.QuerySelector("#action-Approve"));
        var refused = await PortalClient.ReadAsync(await ActAsync(kita, caseId, CaseAction.Approve));
        Assert.Contains(NotAllowed, string.Join(" ", refused.ErrorSummary()));
        Assert.Equal("受付待ち", refused.Text("#status"));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(kita, caseId, CaseAction.StartReview)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(kita, caseId, CaseAction.SubmitForApproval, "要件を満たしています。")).StatusCode);
        Assert.Equal("決裁待ち", (await kita.GetPageAsync($"/staff/cases/{caseId}")).Text("#status"));

        var approver = await PortalClient.SignedInAsync(factory, Demo.KitaApprover);
        var approverPage = await approver.GetPageAsync($"/staff/cases/{caseId}");
        Assert.NotNull(approverPage.QuerySelector("#action-Approve"));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(approver, caseId, CaseAction.Approve)).StatusCode);
        Assert.Equal("承認", (await citizen.GetPageAsync($"/my/applications/{caseId}")).Text("#status"));

        // A staff member who also holds the approver role reviewed the next case: they cannot decide it.
        var (second, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "タロウ");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var staff = await users.FindByEmailAsync(Demo.KitaStaff);
            await users.AddToRoleAsync(staff!, CityDx.Domain.Roles.Approver);
        }

        var both = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(both, second, CaseAction.SubmitForApproval)).StatusCode);
        Assert.Null((await both.GetPageAsync($"/staff/cases/{second}")).QuerySelector("#action-Approve"));
        var header = (await both.GetPageAsync($"/staff/cases/{second}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("header form[method=post]")!;
        int version;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Filed, fee asked, paid, sent for approval: read rather than counted.
            version = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Cases.Where(c => c.Id == second).Select(c => c.Version).SingleAsync();
        }

        var own = await PortalClient.ReadAsync(await both.SubmitAsync(header, new() { ["Action"] = CaseAction.Approve, ["ExpectedVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/staff/cases/{second}"));
        Assert.Contains("この案件を審査した職員は、同じ案件を決裁できません", string.Join(" ", own.ErrorSummary()));
        Assert.Equal("決裁待ち", own.Text("#status"));

        await using var check = factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var history = await db.CaseHistory.Where(h => h.CaseId == caseId).OrderBy(h => h.Id).Select(h => new { h.Action, h.ActorRole, h.FromStatus, h.ToStatus }).ToListAsync();
        Assert.Equal(["Submit", "StartReview", "SubmitForApproval", "Approve"], history.Select(h => h.Action));
        Assert.Equal(WorkflowRole.Approver, history[^1].ActorRole);
        Assert.Contains(await db.Outbox.Where(m => m.CaseId == caseId).Select(m => m.Kind).ToListAsync(), k => k == "Decided");
    }

    [Fact]
    public async Task The_queue_filters_counts_and_claims_and_another_ward_cannot_claim()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var (first, firstReceipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ハナ");
        var (_, secondReceipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "モモ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);

        var byReceipt = await kita.GetPageAsync($"/staff/cases?receipt={firstReceipt.ToLowerInvariant()}");
        Assert.Contains(firstReceipt, byReceipt.Text("table.table--queue"));
        Assert.DoesNotContain(secondReceipt, byReceipt.Text("table.table--queue"));
        Assert.True(int.Parse(byReceipt.QuerySelector("#state-counts [data-state=Submitted]")!.TextContent.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) >= 2);

        var detail = await kita.GetPageAsync($"/staff/cases/{first}");
        Assert.Equal("未割当", detail.Text("#assignee"));
        Assert.Equal(HttpStatusCode.Redirect, (await kita.PostFormAsync($"/staff/cases/{first}", [], "form[action*=Claim]", $"/staff/cases/{first}?handler=Claim")).StatusCode);
        Assert.Equal("北区 職員", (await kita.GetPageAsync($"/staff/cases/{first}")).Text("#assignee"));

        var mine = await kita.GetPageAsync("/staff/cases?assignee=Me");
        Assert.Contains(firstReceipt, mine.Text("table.table--queue"));
        Assert.DoesNotContain(secondReceipt, mine.Text("table.table--queue"));
        var nobody = await kita.GetPageAsync("/staff/cases?assignee=Nobody");
        Assert.DoesNotContain(firstReceipt, nobody.Text("table.table--queue"));

        var badFilter = await kita.GetPageAsync("/staff/cases?within=999");
        Assert.Contains("0から60までの数字", string.Join(" ", badFilter.ErrorSummary()));

        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        var form = (await miyakojima.GetPageAsync("/staff/cases")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("header form[method=post]")!;
        var claim = await miyakojima.SubmitAsync(form, new() { ["ExpectedVersion"] = "1" }, $"/staff/cases/{first}?handler=Claim");
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
    }

    [Fact]
    public async Task A_batch_claim_assigns_each_case_and_leaves_a_history_line_on_each()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var (first, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ソラ");
        var (second, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ウミ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var queue = await kita.GetPageAsync("/staff/cases");
        var token = queue.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#batch-form input[name=__RequestVerificationToken]")!.Value;
        var result = await PortalClient.ReadAsync(await kita.Http.PostAsync("/staff/cases?handler=Batch", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("BatchActionCode", BatchAction.Claim), new("Selected", first.ToString()), new("Selected", second.ToString())])));
        Assert.Contains("2件を処理しました。", result.Text("#batch-result"));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var staffId = await db.Users.Where(u => u.Email == Demo.KitaStaff).Select(u => u.Id).SingleAsync();
        foreach (var id in new[] { first, second })
        {
            Assert.Equal(staffId, (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id)).AssigneeUserId);
            Assert.Equal(["Submit", Case.AssignAction], await db.CaseHistory.Where(h => h.CaseId == id).OrderBy(h => h.At).Select(h => h.Action).ToListAsync());
        }
    }

    [Fact]
    public async Task A_batch_of_a_thousand_reports_each_refused_case_and_the_csv_streams_them_with_a_bom()
    {
        Guid kitaUnit;
        var ids = new List<Guid>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            kitaUnit = await db.OrganisationUnits.Where(u => u.Code == "kita").Select(u => u.Id).SingleAsync();
            var miyakojimaUnit = await db.OrganisationUnits.Where(u => u.Code == "miyakojima").Select(u => u.Id).SingleAsync();
            var procedure = await db.Procedures.SingleAsync(p => p.Code == "dog-registration");
            var citizenId = await db.Users.Where(u => u.Email == Demo.Citizen).Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 1000; i++)
            {
                var unit = i >= 995 ? miyakojimaUnit : kitaUnit;
                var c = Case.Submit(ReceiptNumber.Generate(), procedure.Id, procedure.CurrentFormVersionId!.Value, citizenId, unit, Channel.Online,
                    new Dictionary<string, string> { ["dog_name"] = "バッチ" + i }, Guid.NewGuid(), DateOnly.FromDateTime(now.UtcDateTime).AddDays(10), citizenId, now.AddSeconds(i));
                if (i < 20)
                {
                    // Already under review: "start review" is not allowed from there.
                    c.Apply(procedure.Workflow, CaseAction.StartReview, CaseActor.StaffMember("someone", true, false), null, now, new CityDx.Domain.Japanese.BusinessCalendar());
                }

                db.Cases.Add(c);
                ids.Add(c.Id);
            }

            await db.SaveChangesAsync();
        }

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var queue = await kita.GetPageAsync("/staff/cases");
        var form = queue.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#batch-form")!;
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("BatchActionCode", CaseAction.StartReview) };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("Selected", id.ToString())));
        var response = await kita.Http.PostAsync("/staff/cases?handler=Batch", new FormUrlEncodedContent(fields));
        var page = await PortalClient.ReadAsync(response);
        Assert.Contains("975件を処理しました。25件は処理できませんでした。", page.Text("#batch-result"));
        Assert.Contains("案件が見つかりません。", page.Text("#batch-result"));
        Assert.Equal(20, page.QuerySelectorAll("#batch-result tr.row--failed").Count(r => r.TextContent.Contains(NotAllowed, StringComparison.Ordinal)));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            Assert.Equal(995, await db.Cases.CountAsync(c => ids.Contains(c.Id) && c.Status == CaseStatus.UnderReview));
            Assert.Equal(5, await db.Cases.CountAsync(c => ids.Contains(c.Id) && c.Status == CaseStatus.Submitted));
            // The 20 refused cases have no second StartReview line.
            Assert.Equal(995, await db.CaseHistory.CountAsync(h => ids.Contains(h.CaseId) && h.Action == CaseAction.StartReview));
            // One audit row per case of the batch, with its outcome.
            var audit = await db.AuditLog.Where(a => a.CaseId != null && ids.Contains(a.CaseId.Value) && a.Action == "case.batch").GroupBy(a => a.Outcome)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            Assert.Equal(975, audit[CityDx.Domain.Auditing.AuditOutcome.Ok]);
            Assert.Equal(5, audit[CityDx.Domain.Auditing.AuditOutcome.NotFound]);
        }

        var csv = await kita.Http.GetAsync($"/staff/cases/export?unit={kitaUnit}&status=UnderReview&columns=receipt_number&columns=status");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("receipt_number,status", lines[0]);
        Assert.True(lines.Length >= 996);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",審査中", l));

        // Another ward's export never holds these cases.
        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        var theirs = await (await miyakojima.Http.GetAsync("/staff/cases/export?status=UnderReview")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(lines[1].Split(',')[0], theirs);

        var personal = await kita.Http.GetAsync("/staff/cases/export?columns=applicant_name");
        Assert.Equal(HttpStatusCode.BadRequest, personal.StatusCode);
        var approver = await PortalClient.SignedInAsync(factory, Demo.KitaApprover);
        Assert.Equal(HttpStatusCode.OK, (await approver.Http.GetAsync("/staff/cases/export?columns=receipt_number&columns=applicant_name")).StatusCode);
    }

    [Fact]
    public async Task An_overdue_case_is_escalated_to_the_units_approvers_once()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "オソイ");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var procedure = await db.Procedures.SingleAsync(p => p.Code == "dog-registration");
        procedure.ChangeWorkflow(procedure.Workflow.WithEscalation(2), [.. await db.Cases.Where(c => c.ProcedureId == procedure.Id).Select(c => c.Status).Distinct().ToListAsync()]);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE cases SET \"DueDate\" = {DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10)} WHERE \"Id\" = {caseId}");

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        Assert.True(await mediator.Send(new EscalateOverdueCases.Command()) >= 1);
        Assert.Equal(0, await mediator.Send(new EscalateOverdueCases.Command()));

        var mails = await db.Outbox.AsNoTracking().Where(m => m.CaseId == caseId && m.Kind == "Overdue").ToListAsync();
        var mail = Assert.Single(mails);
        Assert.Equal(Demo.KitaApprover, mail.To);
        Assert.Contains(receipt, mail.Subject);
        Assert.DoesNotContain("オソイ", mail.Body);
        Assert.Contains(await db.CaseHistory.Where(h => h.CaseId == caseId).Select(h => h.Action).ToListAsync(), a => a == Case.EscalateAction);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Contains(receipt, (await kita.GetPageAsync("/staff/cases?due=Overdue")).Text("table.table--queue"));
    }

    [Fact]
    public async Task An_admin_adds_a_state_without_code_and_cannot_trap_or_strand_cases()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        const string url = "/admin/procedures/dog-death-notice/workflow";
        var ok = await admin.PostFormAsync(url, new() { ["StateCode"] = "SiteVisit", ["StateNameJa"] = "現地確認中", ["StateNameEn"] = "Site visit", ["ClockRuns"] = "false" },
            "form[action*=AddState]", url + "?handler=AddState");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        // An action into the new state before any way out of it would trap cases: refused with the reason.
        var trap = await PortalClient.ReadAsync(await admin.PostFormAsync(url,
            new() { ["From"] = CaseStatus.UnderReview, ["ActionCode"] = "SendToSite", ["ActionNameJa"] = "現地確認へ", ["ActionNameEn"] = "To the site", ["To"] = "SiteVisit", ["Role"] = WorkflowRole.Staff },
            "form[action*=AddTransition]", url + "?handler=AddTransition"));
        Assert.Contains("案件が出られなくなる状態", string.Join(" ", trap.ErrorSummary()));

        foreach (var (from, action, ja, en, to) in new[] { ("SiteVisit", "BackFromSite", "確認済み", "Visited", CaseStatus.UnderReview), (CaseStatus.UnderReview, "SendToSite", "現地確認へ", "To the site", "SiteVisit") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url,
                new() { ["From"] = from, ["ActionCode"] = action, ["ActionNameJa"] = ja, ["ActionNameEn"] = en, ["To"] = to, ["Role"] = WorkflowRole.Staff },
                "form[action*=AddTransition]", url + "?handler=AddTransition")).StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var workflow = (await db.Procedures.SingleAsync(p => p.Code == "dog-death-notice")).Workflow;
        Assert.Empty(workflow.Problems());
        Assert.False(workflow.State("SiteVisit")!.ClockRuns);
        Assert.Equal("SiteVisit", workflow.Find(CaseStatus.UnderReview, "SendToSite", WorkflowRole.Staff)!.To);

        // The queue offers the new state by its name; removing Submitted is refused.
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Contains("現地確認中", (await kita.GetPageAsync("/staff/cases")).Text("#status"));
        var removal = await PortalClient.ReadAsync(await admin.PostFormAsync(url, [], "form[action*=RemoveState]", url + "?handler=RemoveState&state=Submitted"));
        Assert.Contains("削除できません", string.Join(" ", removal.ErrorSummary()));
        Assert.Contains(await db.AuditLog.Where(a => a.Action == "workflow.change").Select(a => a.Detail).ToListAsync(), d => d == "dog-death-notice AddState");

        // Staff cannot open the workflow settings.
        var denied = await kita.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Staff_of_another_ward_get_404_from_every_case_route_and_change_nothing()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "ヨソ");
        var miyakojima = await PortalClient.SignedInAsync(factory, Demo.MiyakojimaStaff);
        var url = $"/staff/cases/{caseId}";
        await miyakojima.GetPageAsync(url, HttpStatusCode.NotFound);
        await miyakojima.GetPageAsync($"{url}/attachments/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await miyakojima.GetPageAsync($"{url}/documents/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        var header = (await miyakojima.GetPageAsync("/staff/cases")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("header form[method=post]")!;
        var posts = new (string Handler, Dictionary<string, string> Fields)[]
        {
            ("", new() { ["Action"] = CaseAction.StartReview }),
            ("Claim", []),
            ("Assign", new() { ["AssigneeUserId"] = "" }),
            ("RequestCorrection", new() { ["FieldKeys"] = "dog_name", ["Reason"] = "x" }),
            ("Message", new() { ["Kind"] = "ToApplicant", ["Body"] = "x" }),
            ("SetFee", new() { ["FeeYen"] = "300" }),
        };
        foreach (var (handler, fields) in posts)
        {
            fields["ExpectedVersion"] = "1";
            var response = await miyakojima.SubmitAsync(header, fields, handler.Length == 0 ? url : $"{url}?handler={handler}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler}: {response.StatusCode}");
        }

        var queue = await miyakojima.GetPageAsync("/staff/cases");
        var batchToken = queue.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#batch-form input[name=__RequestVerificationToken]")?.Value
            ?? header.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var batch = await PortalClient.ReadAsync(await miyakojima.Http.PostAsync("/staff/cases?handler=Batch", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", batchToken), new("BatchActionCode", BatchAction.Claim), new("Selected", caseId.ToString())])));
        Assert.Contains("案件が見つかりません。", batch.Text("#batch-result"));
        Assert.DoesNotContain(receipt, await (await miyakojima.Http.GetAsync("/staff/cases/export")).Content.ReadAsStringAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var @case = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
        Assert.Equal((CaseStatus.Submitted, (string?)null), (@case.Status, @case.AssigneeUserId));
        Assert.Single(await db.CaseHistory.Where(h => h.CaseId == caseId).ToListAsync());
        Assert.Empty(await db.CaseMessages.Where(m => m.CaseId == caseId).ToListAsync());
        Assert.True(await db.AuditLog.CountAsync(a => a.CaseId == caseId && a.Outcome == CityDx.Domain.Auditing.AuditOutcome.NotFound) >= 6);
    }
}
