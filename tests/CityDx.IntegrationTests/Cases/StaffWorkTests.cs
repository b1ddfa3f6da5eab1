using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Cases;

/// <summary>
/// Staff work end to end: the queue followed page by page to its end (pages and the API's cursor)
/// with every case once, assigning to a colleague and not to someone outside the unit, the approver's
/// export with the personal columns, and a procedure routed to its owning bureau filed and decided there.
/// </summary>
public sealed class StaffWorkTests(StaffWorkTests.SmallPagesFactory factory) : IClassFixture<StaffWorkTests.SmallPagesFactory>
{
    /// <summary>Four rows a page, so a dozen cases make several pages (and ties on the due date cross page boundaries).</summary>
    public sealed class SmallPagesFactory : CityDxFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Queue:PageSize", "4");
        }
    }

    private async Task<List<Guid>> FileKitaCasesAsync(int count)
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Filing.FileDogRegistrationAsync(citizen, dogName: "ページ" + i)).Id);
        }

        return ids;
    }

    private async Task<List<Guid>> KitaCaseIdsAsync()
    {
        var kita = await ApiClients.UnitIdAsync(factory, "kita");
        return await ApiClients.QueryAsync(factory, db => db.Cases.Where(c => c.OrganisationUnitId == kita).Select(c => c.Id).ToListAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?sort=Filed")]
    public async Task The_queue_followed_page_by_page_shows_every_case_once(string sort)
    {
        await FileKitaCasesAsync(6);
        var expected = await KitaCaseIdsAsync();
        Assert.True(expected.Count >= 6);

        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var seen = new List<Guid>();
        var url = "/staff/cases" + sort;
        var pages = 0;
        while (url is not null)
        {
            var page = await staff.GetPageAsync(url);
            var rows = page.QuerySelectorAll<IHtmlInputElement>("input[name=Selected]").Select(i => Guid.Parse(i.Value)).ToList();
            Assert.InRange(rows.Count, 1, 4);
            seen.AddRange(rows);
            url = page.QuerySelector<IHtmlAnchorElement>("#next-page")?.GetAttribute("href");
            Assert.True(++pages <= expected.Count, "The next-page links do not end");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sort=Filed")]
    public async Task The_api_cursor_followed_to_the_end_returns_every_case_once(string sort)
    {
        await FileKitaCasesAsync(5);
        var expected = await KitaCaseIdsAsync();
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var (_, credential) = await ApiClients.RegisterAsync(factory, admin, "ページ送り " + sort, "kita");
        var api = ApiClients.Bearer(factory, credential);

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var query = string.Join('&', new[] { sort, after is null ? "" : "after=" + Uri.EscapeDataString(after) }.Where(p => p.Length > 0));
            var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/cases" + (query.Length > 0 ? "?" + query : ""));
            var items = page.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("id").GetString()!)).ToList();
            Assert.InRange(items.Count, 1, 4);
            seen.AddRange(items);
            after = page.GetProperty("nextCursor").GetString();
        }
        while (after is not null && seen.Count <= expected.Count);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public async Task A_case_is_assigned_to_a_colleague_and_not_to_someone_outside_the_unit()
    {
        var (caseId, _) = await Filing.FileDogRegistrationAsync(await PortalClient.SignedInAsync(factory, Demo.Citizen2), dogName: "タンポポ");
        var approverId = await UserIdAsync(Demo.KitaApprover);
        var outsiderId = await UserIdAsync(Demo.MiyakojimaStaff);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var url = $"/staff/cases/{caseId}";
        var offered = (await kita.GetPageAsync(url)).QuerySelectorAll<IHtmlOptionElement>("#AssigneeUserId option").Select(o => o.Value).ToList();
        Assert.Contains(approverId, offered);
        Assert.DoesNotContain(outsiderId, offered);

        var assigned = await CaseForms.PostAsync(kita, url, "form[action*=Assign]", [("AssigneeUserId", approverId)]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal("北区 決裁者", (await kita.GetPageAsync(url)).Text("#assignee"));

        // A crafted form naming someone of another ward: refused with a message, nothing changes.
        var refused = await CaseForms.PostAsync(kita, url, "form[action*=Assign]", [("AssigneeUserId", outsiderId)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEmpty((await PortalClient.ReadAsync(refused)).ErrorSummary());
        var stored = await ApiClients.QueryAsync(factory, db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Equal(approverId, stored.AssigneeUserId);
    }

    [Fact]
    public async Task The_approvers_export_carries_the_personal_columns_and_a_reviewer_is_refused_them()
    {
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(await PortalClient.SignedInAsync(factory, Demo.Citizen2), dogName: "エクスポート");
        const string personal = "/staff/cases/export?columns=receipt_number&columns=applicant_name&columns=applicant_kana&columns=answers";
        var approver = await PortalClient.SignedInAsync(factory, Demo.KitaApprover);
        var response = await approver.Http.GetAsync(personal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(4, lines[0].Split(',').Length);
        var row = Assert.Single(lines, l => l.StartsWith(receipt, StringComparison.Ordinal));
        Assert.Contains("エクスポート", row, StringComparison.Ordinal);
        Assert.Contains("柴犬", row, StringComparison.Ordinal);
        var applicant = await ApiClients.QueryAsync(factory, db => db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.ApplicantName).SingleAsync());
        Assert.False(string.IsNullOrEmpty(applicant));
        Assert.Contains(applicant!, row, StringComparison.Ordinal);

        var reviewer = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.Http.GetAsync(personal)).StatusCode);
    }

    [Fact]
    public async Task A_procedure_routed_to_its_owning_bureau_is_filed_there_and_decided_by_its_staff()
    {
        const string code = "test-bureau-permit";
        var bureau = await ApiClients.UnitIdAsync(factory, "environment");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var procedure = new Procedure(code, new ProcedureDetails("事業系ごみの収集許可", "Commercial waste collection permit", "", "", "registration", [], "", "", "", [], [], null,
                FeeTiming.None, 10, Routing.OwningUnit, ChannelSet.Online, bureau, Proxy: ProxyPolicy.NotAllowed));
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync();
            db.FormVersions.Add(procedure.PublishForm(new FormDefinition([new("business_name", FieldType.ShortText, "事業所名", "Business name", MaxLength: 50)]), 1, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var reviewer = await BureauPersonAsync("reviewer.environment@example.jp", Roles.Staff, bureau);
        var approver = await BureauPersonAsync("approver.environment@example.jp", Roles.Approver, bureau);

        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, receipt) = await Filing.ReceivedAsync(citizen, await Filing.ApplyAsync(citizen, code, new() { ["Answers[business_name]"] = "難波商店" }));
        var stored = await ApiClients.QueryAsync(factory, db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Equal(bureau, stored.OrganisationUnitId);

        // In the bureau's queue, not in a ward's.
        Assert.Contains(receipt, (await reviewer.GetPageAsync("/staff/cases")).Body!.TextContent, StringComparison.Ordinal);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await kita.Http.GetAsync($"/staff/cases/{caseId}")).StatusCode);

        var url = $"/staff/cases/{caseId}";
        foreach (var (person, action) in new[] { (reviewer, CaseAction.StartReview), (reviewer, CaseAction.SubmitForApproval), (approver, CaseAction.Approve), (reviewer, CaseAction.Complete) })
        {
            var response = await person.PostFormAsync(url, new() { ["Action"] = action, ["Comment"] = "確認しました" });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {(int)response.StatusCode} {string.Join(" | ", (await PortalClient.ReadAsync(response)).ErrorSummary())}");
        }

        Assert.Equal(CaseStatus.Completed, (await ApiClients.QueryAsync(factory, db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId))).Status);
        Assert.Contains("難波商店", (await citizen.GetPageAsync($"/my/applications/{caseId}")).Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task<string> UserIdAsync(string email) =>
        await ApiClients.QueryAsync(factory, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private async Task<PortalClient> BureauPersonAsync(string email, string role, Guid unit)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "環境局 " + role };
            Assert.True((await users.CreateAsync(user, PortalClient.DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, role);
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            db.StaffMemberships.Add(new StaffMembership(user.Id, unit));
            await db.SaveChangesAsync();
        }

        return await PortalClient.SignedInAsync(factory, email);
    }
}
