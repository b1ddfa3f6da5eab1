using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CityDx.Application.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityDx.IntegrationTests.Security;

/// <summary>
/// What a scanner (and a careless link) sends: non-ASCII return addresses, a queue batch with a filter
/// the queue refuses; and what every browser asks for: the favicon and its icons. Also the menu offers
/// only pages the person may open, and the server does not name itself.
/// </summary>
public sealed class CraftedRequestTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private static bool IsAscii(string text) => text.All(c => c is > ' ' and < (char)0x7F);

    [Fact]
    public async Task Signing_in_with_a_non_ascii_return_address_signs_in_and_goes_there_encoded()
    {
        var client = PortalClient.Create(factory);
        var response = await client.PostFormAsync("/account/sign-in?ReturnUrl=/北区", new() { ["Email"] = Demo.Citizen, ["Password"] = PortalClient.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.True(IsAscii(location), $"A Location header must be ASCII: {location}");
        Assert.Equal("/%E5%8C%97%E5%8C%BA", location);
        await client.GetPageAsync("/my/applications");
    }

    [Theory]
    [InlineData("/language?culture=en&returnUrl=/%E5%8C%97", "/%E5%8C%97")]
    [InlineData("/language?culture=ja&returnUrl=/procedures%3Fq%3D%E4%BD%8F%E6%B0%91%E7%A5%A8%26culture%3Den", "/procedures?q=%E4%BD%8F%E6%B0%91%E7%A5%A8")]
    [InlineData("/language?culture=en&returnUrl=//evil.example/%E5%8C%97", "/")]
    public async Task Choosing_a_language_goes_back_to_a_local_address_encoded(string url, string expected)
    {
        var response = await PortalClient.Create(factory).Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("within=999")]
    [InlineData("kana=101")]
    public async Task A_queue_batch_with_a_filter_the_queue_refuses_is_refused_and_changes_nothing(string refused)
    {
        // A kana one character over the limit (100), as a scanner sent it.
        var filter = refused == "kana=101" ? "kana=" + Uri.EscapeDataString(new string('ア', 101)) : refused;
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen, dogName: "バッチ");
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var queue = await kita.GetPageAsync("/staff/cases?" + filter);
        var shown = queue.ErrorSummary();
        Assert.NotEmpty(shown);
        var token = queue.QuerySelector<IHtmlInputElement>("#batch-form input[name=__RequestVerificationToken]")!.Value;

        foreach (var allMatching in new[] { false, true })
        {
            List<KeyValuePair<string, string>> fields = [new("__RequestVerificationToken", token), new("BatchActionCode", BatchAction.Claim), new("Selected", caseId.ToString())];
            if (allMatching)
            {
                fields.Add(new("AllMatching", "true"));
            }

            var response = await kita.Http.PostAsync("/staff/cases?handler=Batch&" + filter, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PortalClient.ReadAsync(response);
            Assert.Equal(shown, page.ErrorSummary());
            Assert.Null(page.QuerySelector("#batch-result"));
        }

        // And the export refuses it too.
        Assert.Equal(HttpStatusCode.BadRequest, (await kita.Http.GetAsync("/staff/cases/export?" + filter)).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        Assert.Null((await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).AssigneeUserId);
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    [InlineData("/apple-touch-icon.png", "image/png")]
    [InlineData("/site.webmanifest", "application/manifest+json")]
    public async Task The_icons_browsers_ask_for_are_there(string url, string contentType)
    {
        var response = await PortalClient.Create(factory).Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task Every_page_links_its_icons()
    {
        var page = await PortalClient.Create(factory).GetPageAsync("/procedures");
        var icons = page.QuerySelectorAll("head link").Select(l => (l.GetAttribute("rel"), l.GetAttribute("href"))).ToList();
        Assert.Contains(("icon", "/favicon.ico"), icons);
        Assert.Contains(("icon", "/favicon.svg"), icons);
        Assert.Contains(("apple-touch-icon", "/apple-touch-icon.png"), icons);
        Assert.Contains(("manifest", "/site.webmanifest"), icons);
    }

    [Fact]
    public void The_server_does_not_name_itself()
    {
        // TestServer writes no Server header of its own; the setting is what Kestrel reads.
        Assert.False(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData(Demo.Citizen)]
    [InlineData(Demo.KitaStaff)]
    [InlineData(Demo.KitaApprover)]
    [InlineData(Demo.CentralStaff)]
    [InlineData(Demo.Admin)]
    [InlineData(Demo.FacilitiesAdmin)]
    [InlineData(Demo.Analyst)]
    public async Task Every_menu_link_opens_for_whoever_is_shown_it(string person)
    {
        var client = person == "anonymous" ? PortalClient.Create(factory) : await PortalClient.SignedInAsync(factory, person);
        var links = (await client.GetPageAsync("/")).QuerySelectorAll<IHtmlAnchorElement>(".site-nav a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("/procedures", links);
        foreach (var href in links)
        {
            var response = await client.Http.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{person} is shown {href}, which answers {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task An_affiliated_bodys_admin_is_not_shown_the_city_wide_settings()
    {
        var facilities = await PortalClient.SignedInAsync(factory, Demo.FacilitiesAdmin);
        var links = (await facilities.GetPageAsync("/")).QuerySelectorAll<IHtmlAnchorElement>(".site-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/admin/procedures", links);
        Assert.DoesNotContain("/admin/audit", links);
        Assert.DoesNotContain("/admin/api-clients", links);

        var city = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var cityLinks = (await city.GetPageAsync("/")).QuerySelectorAll<IHtmlAnchorElement>(".site-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/admin/audit", cityLinks);
        Assert.Contains("/admin/api-clients", cityLinks);
    }
}
