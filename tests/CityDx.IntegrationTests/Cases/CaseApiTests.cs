using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CityDx.IntegrationTests.Cases;

/// <summary>/api/v1/cases for integration clients that admins register: their units only, by scope, audited, revocable.</summary>
public sealed class CaseApiTests(CaseApiTests.Factory factory) : IClassFixture<CaseApiTests.Factory>
{
    /// <summary>A low per-client limit so the rate limit can be seen; every other test uses its own client.</summary>
    public sealed class Factory : CityDxFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:ApiClientPerMinute", "20");
        }
    }

    private async Task<(Guid Kita, Guid Miyakojima)> FileInBothWardsAsync()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (kita, _) = await Filing.FileDogRegistrationAsync(citizen, "北区役所");
        var (miyakojima, _) = await Filing.FileDogRegistrationAsync(citizen, "都島区役所");
        return (kita, miyakojima);
    }

    [Fact]
    public async Task A_ward_client_lists_and_reads_its_wards_cases_and_gets_404_for_another_ward()
    {
        var (kitaCase, miyakojimaCase) = await FileInBothWardsAsync();
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var (clientId, credential) = await ApiClients.RegisterAsync(factory, admin, "住民情報システム(北区)", "kita");
        var api = ApiClients.Bearer(factory, credential);

        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/cases" + (after is null ? "" : "?after=" + Uri.EscapeDataString(after)));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            after = page.GetProperty("nextCursor").GetString();
        }
        while (after is not null);

        Assert.Contains(kitaCase.ToString(), ids);
        Assert.DoesNotContain(miyakojimaCase.ToString(), ids);

        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{kitaCase}");
        Assert.Equal("Submitted", detail.GetProperty("status").GetProperty("code").GetString());
        Assert.Contains(detail.GetProperty("answers").EnumerateArray(), a => a.GetProperty("valueJa").GetString() == "ポチ");

        var other = await api.GetAsync($"/api/v1/cases/{miyakojimaCase}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{Guid.NewGuid()}")).StatusCode);

        // Every call is in the audit log with the client as actor: the list, the read, the refused read.
        var entries = await ApiClients.QueryAsync(factory, db => db.AuditLog.Where(e => e.ActorId == "api-client:" + clientId.ToString("N")).OrderBy(e => e.Id).ToListAsync());
        Assert.All(entries, e => Assert.Equal(AuditActorKind.ApiClient, e.ActorKind));
        Assert.Contains(entries, e => e.Action == AuditActions.QueueList);
        Assert.Contains(entries, e => (e.Action, e.CaseId, e.Outcome) == (AuditActions.CaseRead, kitaCase, AuditOutcome.Ok));
        Assert.Contains(entries, e => (e.Action, e.CaseId, e.Outcome) == (AuditActions.CaseRead, miyakojimaCase, AuditOutcome.NotFound));
    }

    [Fact]
    public async Task A_transition_needs_its_scope_and_through_the_api_changes_the_case_with_history_and_audit()
    {
        var (kitaCase, _) = await FileInBothWardsAsync();
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var (readerId, reader) = await ApiClients.RegisterAsync(factory, admin, "閲覧のみ", "kita");
        var denied = await ApiClients.Bearer(factory, reader).PostAsJsonAsync($"/api/v1/cases/{kitaCase}/actions", new { action = "StartReview", expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        var refusal = await ApiClients.QueryAsync(factory, db => db.AuditLog.SingleAsync(e => e.ActorId == "api-client:" + readerId.ToString("N")));
        Assert.Equal((AuditActions.ApiDenied, AuditOutcome.Denied, kitaCase), (refusal.Action, refusal.Outcome, refusal.CaseId));

        var (workerId, worker) = await ApiClients.RegisterAsync(factory, admin, "審査システム", "kita", transition: true);
        var api = ApiClients.Bearer(factory, worker);
        var version = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{kitaCase}")).GetProperty("version").GetInt32();

        var invalid = await api.PostAsJsonAsync($"/api/v1/cases/{kitaCase}/actions", new { action = "Reject", comment = "", expectedVersion = version });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Comment", out _));

        var taken = await api.PostAsJsonAsync($"/api/v1/cases/{kitaCase}/actions", new { action = "StartReview", comment = "受付", expectedVersion = version });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal("UnderReview", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var stale = await api.PostAsJsonAsync($"/api/v1/cases/{kitaCase}/actions", new { action = "Approve", expectedVersion = version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var principal = "api-client:" + workerId.ToString("N");
        var (status, history, audit) = await ApiClients.QueryAsync(factory, async db => (
            await db.Cases.Where(c => c.Id == kitaCase).Select(c => c.Status).SingleAsync(),
            await db.CaseHistory.Where(h => h.CaseId == kitaCase && h.ActorUserId == principal).ToListAsync(),
            await db.AuditLog.Where(e => e.CaseId == kitaCase && e.ActorId == principal && e.Action == AuditActions.CaseAction).ToListAsync()));
        Assert.Equal(CaseStatus.UnderReview, status);
        Assert.Equal((CaseStatus.UnderReview, "受付"), (Assert.Single(history).ToStatus, history[0].Comment));
        Assert.Equal("StartReview", Assert.Single(audit).Detail);

        // Staff see who acted: the case page still opens with the client's history line.
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        await kita.GetPageAsync($"/staff/cases/{kitaCase}");
    }

    [Fact]
    public async Task Wrong_secrets_revoked_clients_and_cookies_get_401_and_a_new_secret_replaces_the_old()
    {
        var (kitaCase, _) = await FileInBothWardsAsync();
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var (clientId, credential) = await ApiClients.RegisterAsync(factory, admin, "停止する連携先", "kita");
        Assert.Equal(HttpStatusCode.OK, (await ApiClients.Bearer(factory, credential).GetAsync($"/api/v1/cases/{kitaCase}")).StatusCode);

        foreach (var wrong in new[] { credential[..^2] + "xx", clientId.ToString("N"), Guid.NewGuid().ToString("N") + credential[32..], "garbage" })
        {
            var refused = await ApiClients.Bearer(factory, wrong).GetAsync($"/api/v1/cases/{kitaCase}");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/cases")).StatusCode);
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.Http.GetAsync("/api/v1/cases")).StatusCode);

        // A new secret: the old one stops working at once.
        var rotated = await CaseForms.PostAsync(admin, "/admin/api-clients", $"form[action*='{clientId}'][action*=Rotate]", []);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var fresh = (await PortalClient.ReadAsync(rotated)).QuerySelector("#credential")!.GetAttribute("value")!;
        Assert.NotEqual(credential, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClients.Bearer(factory, credential).GetAsync($"/api/v1/cases/{kitaCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiClients.Bearer(factory, fresh).GetAsync($"/api/v1/cases/{kitaCase}")).StatusCode);

        var revoked = await CaseForms.PostAsync(admin, "/admin/api-clients", $"form[action*='{clientId}'][action*=Revoke]", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("停止済", (await admin.GetPageAsync("/admin/api-clients")).QuerySelector("#api-clients")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClients.Bearer(factory, fresh).GetAsync($"/api/v1/cases/{kitaCase}")).StatusCode);
    }

    [Fact]
    public async Task The_secret_is_stored_only_as_its_sha256()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var (clientId, credential) = await ApiClients.RegisterAsync(factory, admin, "保存確認", "kita");
        var secret = credential[(credential.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.Equal(43, secret.Length); // 32 random bytes, base64url without padding

        var (row, hash) = await ApiClients.QueryAsync(factory, async db => (
            await db.Database.SqlQueryRaw<string>("SELECT t::text AS \"Value\" FROM api_clients t WHERE \"Id\" = {0}", clientId).SingleAsync(),
            await db.ApiClients.Where(c => c.Id == clientId).Select(c => c.SecretHash).SingleAsync()));
        Assert.DoesNotContain(secret, row, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(secret)), row, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), hash);

        // Shown once: the list never shows it again.
        Assert.DoesNotContain(secret, (await admin.GetPageAsync("/admin/api-clients")).Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_city_admins_manage_clients_and_registration_is_validated()
    {
        foreach (var email in new[] { Demo.KitaStaff, Demo.FacilitiesAdmin })
        {
            var someone = await PortalClient.SignedInAsync(factory, email);
            foreach (var url in new[] { "/admin/api-clients", "/admin/api-clients/new" })
            {
                var response = await someone.Http.GetAsync(url);
                Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }

        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var empty = await PortalClient.ReadAsync(await CaseForms.PostAsync(admin, "/admin/api-clients/new", "main form[method=post]", [("Name", "")], "/admin/api-clients/new"));
        Assert.Equal(["連携先名を入力してください", "スコープを1つ以上選んでください", "扱える組織を1つ以上選んでください"], empty.ErrorSummary());
        Assert.Null(empty.QuerySelector("#credential"));
    }

    [Fact]
    public async Task Each_client_has_its_own_rate_limit()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var (_, busy) = await ApiClients.RegisterAsync(factory, admin, "多すぎる連携先", "kita");
        var (_, quiet) = await ApiClients.RegisterAsync(factory, admin, "静かな連携先", "kita");
        var api = ApiClients.Bearer(factory, busy);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await api.GetAsync("/api/v1/cases?status=Approved")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 20).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.OK, (await ApiClients.Bearer(factory, quiet).GetAsync("/api/v1/cases?status=Approved")).StatusCode);
    }

    [Fact]
    public async Task Swagger_documents_the_case_routes_with_the_client_security_scheme()
    {
        var doc = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiClient").GetProperty("scheme").GetString());
        var paths = doc.GetProperty("paths");
        foreach (var (path, verb) in new[] { ("/api/v1/cases", "get"), ("/api/v1/cases/{id}", "get"), ("/api/v1/cases/{id}/actions", "post") })
        {
            var operation = paths.GetProperty(path).GetProperty(verb);
            Assert.True(operation.GetProperty("security")[0].TryGetProperty("ApiClient", out _), path);
        }

        Assert.False(paths.GetProperty("/api/v1/procedures").GetProperty("get").TryGetProperty("security", out _));
    }
}
