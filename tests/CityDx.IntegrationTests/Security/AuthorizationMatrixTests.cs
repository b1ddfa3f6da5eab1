using System.Net;
using AngleSharp.Dom;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Security;

/// <summary>
/// Every page and API route, from the app's own endpoint data source, for each kind of person, on
/// resources owned by citizen A and ward A (Kita): allowed, sent to sign in, denied, or not found.
/// A route without a row fails the test, so a new page cannot ship without deciding who may open it.
/// Also: every page refuses a POST without an antiforgery token.
/// </summary>
public sealed class AuthorizationMatrixTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    /// <summary>Columns of <see cref="Expected"/>.</summary>
    private static readonly string[] People =
        ["anonymous", Demo.Citizen, Demo.Citizen2, Demo.KitaStaff, Demo.MiyakojimaStaff, Demo.CentralStaff, Demo.KitaApprover, Demo.Admin, Demo.Analyst];

    /// <summary>
    /// GET outcome per route: one letter per person in <see cref="People"/>'s order —
    /// O allowed (2xx, or a redirect that is not about access), S sent to sign in (302 to sign-in, or 401),
    /// D denied (302 to access-denied, or 403), N not found (404), - not requested (POST-only routes).
    /// Citizen A = citizen@ (owns the case, draft and files); ward A = Kita (the case's unit).
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["/"] = "OOOOOOOOO",
        // The benchmark's floor page exists only when the benchmark switches it on (never in production or tests).
        ["/_benchmark/floor/{code}"] = "NNNNNNNNN",
        ["/account/access-denied"] = "DDDDDDDDD",
        ["/account/check-email"] = "OOOOOOOOO",
        ["/account/confirm-email"] = "OOOOOOOOO",
        ["/account/confirm-email-change"] = "OOOOOOOOO",
        ["/account/delete"] = "SOOOOOOOO",
        ["/account/external-sign-in"] = "OOOOOOOOO",
        ["/account/forgot-password"] = "OOOOOOOOO",
        ["/account/register"] = "OOOOOOOOO",
        ["/account/resend-confirmation"] = "OOOOOOOOO",
        ["/account/reset-password"] = "OOOOOOOOO",
        ["/account/reset-password/done"] = "OOOOOOOOO",
        ["/account/settings"] = "SOOOOOOOO",
        ["/account/sign-in"] = "OOOOOOOOO",
        ["/account/sign-in/code"] = "OOOOOOOOO",
        ["/account/sign-out"] = "SOOOOOOOO",
        ["/account/two-factor"] = "SOOOOOOOO",
        // Audit and API clients: city admins only.
        ["/admin/api-clients"] = "SDDDDDDOD",
        ["/admin/api-clients/new"] = "SDDDDDDOD",
        ["/admin/audit"] = "SDDDDDDOD",
        ["/admin/procedures"] = "SDDDDDDOD",
        ["/admin/procedures/new"] = "SDDDDDDOD",
        ["/admin/procedures/{code}/edit"] = "SDDDDDDOD",
        ["/admin/procedures/{code}/form"] = "SDDDDDDOD",
        // Field, step and preview pages belong to a form draft; with none open the admin gets 404.
        ["/admin/procedures/{code}/form/fields/{key}"] = "SDDDDDDND",
        ["/admin/procedures/{code}/form/import"] = "SDDDDDDOD",
        ["/admin/procedures/{code}/form/preview"] = "SDDDDDDND",
        ["/admin/procedures/{code}/form/steps/{key}"] = "SDDDDDDND",
        ["/admin/procedures/{code}/form/versions/{number:int}/export"] = "SDDDDDDOD",
        ["/admin/procedures/{code}/staff-time"] = "SDDDDDDOD",
        ["/admin/procedures/{code}/workflow"] = "SDDDDDDOD",
        ["/api/v1/calendar/holidays"] = "OOOOOOOOO",
        ["/api/v1/applications"] = "---------",
        // Cases through the API are for registered integration clients only: a person's cookie is not a credential.
        ["/api/v1/cases/"] = "SSSSSSSSS",
        ["/api/v1/cases/{id:guid}"] = "SSSSSSSSS",
        ["/api/v1/cases/{id:guid}/actions"] = "---------",
        // The payment provider's signed callback: POST only (the signature, not a session, authenticates it).
        ["/api/v1/payments/callback"] = "---------",
        ["/api/v1/postal-codes/{code}"] = "OOOOOOOOO",
        ["/api/v1/procedures/"] = "OOOOOOOOO",
        ["/api/v1/procedures/{code}"] = "OOOOOOOOO",
        // Open statistics: anonymous by design, aggregates only, small cells suppressed.
        ["/api/v1/statistics/"] = "OOOOOOOOO",
        ["/api/v1/statistics/applications"] = "OOOOOOOOO",
        // The KPI dashboard: analysts and admins see everything, staff and approvers their own units, citizens nothing.
        ["/dashboard"] = "SDDOOOOOO",
        // The error page itself, opened directly, still says "something went wrong" with a 500.
        ["/error"] = "?500?500?500?500?500?500?500?500?500",
        ["/health/live"] = "OOOOOOOOO",
        ["/health/ready"] = "OOOOOOOOO",
        ["/language"] = "OOOOOOOOO",
        // Citizen A's own; citizen B gets 404 (not even told it exists); staff and others are denied citizens' pages.
        ["/my/applications"] = "SOODDDDDD",
        ["/my/applications/{id:guid}"] = "SONDDDDDD",
        ["/my/applications/{id:guid}/attachments/{attachmentId:guid}"] = "SNNDDDDDD",
        ["/my/applications/{id:guid}/correction"] = "SONDDDDDD",
        ["/my/applications/{id:guid}/documents/{documentId:guid}"] = "SNNDDDDDD",
        ["/my/applications/{id:guid}/pay"] = "SONDDDDDD",
        ["/my/applications/{id:guid}/received"] = "SONDDDDDD",
        ["/my/drafts/{id:guid}"] = "SONDDDDDD",
        ["/my/drafts/{id:guid}/steps/{pageKey}"] = "SONDDDDDD",
        ["/open-data"] = "OOOOOOOOO",
        ["/procedures"] = "OOOOOOOOO",
        ["/procedures/{code}"] = "OOOOOOOOO",
        ["/procedures/{code}/apply"] = "SOODDDDDD",
        ["/session/extend"] = "---------",
        // Ward A's case: Kita staff and Kita's approver; Miyakojima and the central centre get 404; admins and analysts are not staff.
        ["/staff/cases"] = "SDDOOOODD",
        ["/staff/cases/export"] = "SDDOOOODD",
        ["/staff/cases/{id:guid}"] = "SDDONNODD",
        ["/staff/cases/{id:guid}/attachments/{attachmentId:guid}"] = "SDDNNNNDD",
        ["/staff/cases/{id:guid}/documents/{documentId:guid}"] = "SDDNNNNDD",
        // Payment files are matched against the importer's own units' cases only.
        ["/staff/payments/import"] = "SDDOOOODD",
        ["/staff/counter/receipts/{id:guid}"] = "SDDNNNDDD",
        ["/staff/counter/{procedure?}"] = "SDDOOODDD",
    };

    private static string Outcome(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "S",
            HttpStatusCode.Forbidden => "D",
            HttpStatusCode.NotFound => "N",
            HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther when location.Contains("/account/sign-in", StringComparison.Ordinal) => "S",
            HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther when location.Contains("/account/access-denied", StringComparison.Ordinal) => "D",
            _ when (int)response.StatusCode is >= 200 and < 400 => "O",
            _ => $"?{(int)response.StatusCode}",
        };
    }

    private sealed record Resources(Guid CaseId, Guid DraftId, string FieldKey, string StepKey);

    private async Task<Resources> SeedAsync(PortalClient citizen)
    {
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "マトリクス");
        var draft = await Filing.StartAsync(citizen, "dog-registration");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var procedure = await db.Procedures.SingleAsync(p => p.Code == "dog-registration");
        var version = await db.FormVersions.SingleAsync(v => v.Id == procedure.CurrentFormVersionId);
        var draftId = Guid.Parse(draft.Split('/', StringSplitOptions.RemoveEmptyEntries)[2]);
        return new Resources(caseId, draftId, version.Definition.Fields[0].Key, version.Definition.Steps[0].Key);
    }

    /// <summary>The routes the app serves: Razor pages and endpoints with their HTTP methods.</summary>
    private IReadOnlyList<(string Pattern, bool IsPage, bool AcceptsGet)> Routes()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), IsPage: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null,
                AcceptsGet: e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET")))
            .GroupBy(r => r.Pattern)
            .Select(g => (g.Key, g.Any(r => r.IsPage), g.Any(r => r.AcceptsGet)))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static string Url(string pattern, Resources r) => pattern
        .Replace("/api/v1/calendar/holidays", "/api/v1/calendar/holidays?year=2026", StringComparison.Ordinal)
        .Replace("/api/v1/postal-codes/{code}", "/api/v1/postal-codes/5300001", StringComparison.Ordinal)
        .Replace("{id:guid}", r.CaseId.ToString(), StringComparison.Ordinal)
        .Replace("/my/drafts/" + r.CaseId, "/my/drafts/" + r.DraftId, StringComparison.Ordinal)
        .Replace("{attachmentId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{documentId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{pageKey}", "_applicant", StringComparison.Ordinal)
        .Replace("{code}", "dog-registration", StringComparison.Ordinal)
        .Replace("{procedure?}", "", StringComparison.Ordinal)
        .Replace("form/fields/{key}", "form/fields/" + r.FieldKey, StringComparison.Ordinal)
        .Replace("form/steps/{key}", "form/steps/" + r.StepKey, StringComparison.Ordinal)
        .Replace("{number:int}", "1", StringComparison.Ordinal)
        .TrimEnd('/') is { Length: > 0 } url ? url : "/";

    [Fact]
    public async Task Every_route_answers_each_person_as_the_matrix_says()
    {
        var clients = new List<PortalClient>();
        foreach (var person in People)
        {
            clients.Add(person == "anonymous" ? PortalClient.Create(factory) : await PortalClient.SignedInAsync(factory, person));
        }

        var resources = await SeedAsync(clients[1]);
        var actual = new Dictionary<string, string>();
        foreach (var (pattern, _, acceptsGet) in Routes())
        {
            if (!acceptsGet)
            {
                actual[pattern] = new string('-', People.Length);
                continue;
            }

            var row = "";
            foreach (var client in clients)
            {
                row += Outcome(await client.Http.GetAsync(Url(pattern, resources)));
            }

            actual[pattern] = row;
        }

        var report = string.Join("\n", actual.Select(a => $"        [\"{a.Key}\"] = \"{a.Value}\","));
        var missing = actual.Keys.Where(k => !Expected.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"Routes without a row in the matrix (decide who may open them):\n{report}");
        var wrong = actual.Where(a => Expected[a.Key] != a.Value).Select(a => $"{a.Key}: expected {Expected[a.Key]}, got {a.Value}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Empty(Expected.Keys.Except(actual.Keys));
    }

    [Fact]
    public async Task Every_page_refuses_a_post_without_an_antiforgery_token()
    {
        var admin = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var resources = await SeedAsync(citizen);
        var accepted = new List<string>();
        // The error page has no form and changes nothing; it answers every method with itself.
        foreach (var (pattern, isPage, _) in Routes().Where(r => r.IsPage && r.Pattern != "/error"))
        {
            var client = pattern.StartsWith("/admin", StringComparison.Ordinal) ? admin : pattern.StartsWith("/staff", StringComparison.Ordinal) ? staff : citizen;
            var response = await client.Http.PostAsync(Url(pattern, resources), new FormUrlEncodedContent([new("x", "1")]));
            if (response.StatusCode != HttpStatusCode.BadRequest && Outcome(response) is not ("D" or "S" or "N"))
            {
                accepted.Add($"{pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.True(accepted.Count == 0, "POST without a token was not refused:\n" + string.Join("\n", accepted));
    }

    /// <summary>
    /// Every page × a POST with no handler and a POST with <c>?handler=nope</c>, by someone who may
    /// open the page, with a valid antiforgery token (so the request really reaches the page): a page
    /// without such a handler answers 404 or 405 — never a page rendered without its data (a 500).
    /// </summary>
    [Fact]
    public async Task Every_page_answers_a_missing_or_unknown_handler_with_404_or_405()
    {
        var people = new Dictionary<string, PortalClient>();
        foreach (var person in new[] { Demo.Citizen, Demo.KitaStaff, Demo.Admin, Demo.Analyst })
        {
            people[person] = await PortalClient.SignedInAsync(factory, person);
        }

        var resources = await SeedAsync(people[Demo.Citizen]);
        var pages = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>()))
            .Where(p => p.Page is not null && p.Pattern != "/error")
            .DistinctBy(p => p.Pattern)
            .ToList();
        Assert.True(pages.Count > 40, $"Only {pages.Count} pages found");
        var wrong = new List<string>();
        foreach (var (pattern, page) in pages)
        {
            var client = people[pattern switch
            {
                _ when pattern.StartsWith("/admin", StringComparison.Ordinal) => Demo.Admin,
                _ when pattern.StartsWith("/staff", StringComparison.Ordinal) => Demo.KitaStaff,
                "/dashboard" => Demo.Analyst,
                _ => Demo.Citizen,
            }];
            var url = Url(pattern, resources);
            var token = await TokenAsync(client);
            var requests = new List<string> { url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=nope" };
            // A page with its own unnamed POST handler handles a plain POST: that is not a missing handler.
            if (!page!.HandlerMethods.Any(h => h.HttpMethod == "Post" && h.Name is null))
            {
                requests.Add(url);
            }

            foreach (var request in requests)
            {
                var response = await client.Http.PostAsync(request, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
                {
                    wrong.Add($"POST {request}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "A missing or unknown handler was not refused with 404/405:\n" + string.Join("\n", wrong));
    }

    /// <summary>The antiforgery token of a signed-in person, from the sign-out form every page carries.</summary>
    private static async Task<string> TokenAsync(PortalClient client) =>
        (await client.GetPageAsync("/procedures")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
}
