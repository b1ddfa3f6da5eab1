using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Web.Startup;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>
/// A browser-like client over the test server: keeps cookies, does not follow redirects (tests
/// assert them), reads pages with AngleSharp and posts forms with their antiforgery token.
/// </summary>
public sealed class PortalClient(HttpClient http)
{
    public const string DemoPassword = "CityDx-demo-2026";

    public HttpClient Http { get; } = http;

    public static PortalClient Create<T>(WebApplicationFactory<T> factory) where T : class =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<PortalClient> SignedInAsync<T>(WebApplicationFactory<T> factory, string email) where T : class
    {
        var client = Create(factory);
        var response = await client.SignInAsync(email, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await PostFormAsync("/account/sign-in", new() { ["Email"] = email, ["Password"] = password });

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}\n{Excerpt(body)}");
        return await ParseAsync(body);
    }

    /// <summary>GETs the page the form is on, then posts the form with its antiforgery token and hidden fields plus <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string formSelector = "main form[method=post]", string? action = null)
    {
        var page = await GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? page.QuerySelector<IHtmlFormElement>("form[method=post]")
            ?? throw new InvalidOperationException($"No form on {url}");
        return await SubmitAsync(form, fields, action ?? url);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, Dictionary<string, string> fields, string action)
    {
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            values[input.Name!] = input.Value;
        }

        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<IHtmlDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(req => req.Content(html));
    }

    public static async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync());

    private static string Excerpt(string body) => body.Length > 2000 ? body[..2000] : body;
}

public static class DocumentExtensions
{
    public static string Text(this IDocument document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No {selector} in page: {document.Title}");

    public static IReadOnlyList<string> ErrorSummary(this IDocument document) =>
        document.QuerySelectorAll(".error-summary li a").Select(a => a.TextContent.Trim()).ToList();
}

public static class Demo
{
    public const string Citizen = "citizen@example.jp";
    public const string Citizen2 = "citizen2@example.jp";
    public const string KitaStaff = "staff.kita@example.jp";
    public const string MiyakojimaStaff = "staff.miyakojima@example.jp";
    public const string CentralStaff = "staff.central@example.jp";
    public const string KitaApprover = "approver.kita@example.jp";
    public const string CentralApprover = "approver.central@example.jp";
    public const string Admin = "admin@example.jp";
    public const string FacilitiesAdmin = "admin.facilities@example.jp";
    public const string Analyst = "analyst@example.jp";

    public static DemoData.DemoAccount Account(string email) => DemoData.Accounts.Single(a => a.Email == email);
}
