using System.Net;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Security;

/// <summary>Who may open what, sign-in lockout and the security headers every response carries.</summary>
public sealed class AccessTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Theory]
    [InlineData("/my/applications")]
    [InlineData("/staff/cases")]
    [InlineData("/procedures/dog-registration/apply")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        var response = await PortalClient.Create(factory).Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/procedures")]
    [InlineData("/procedures/dog-registration")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/account/check-email")]
    [InlineData("/account/confirm-email")]
    [InlineData("/account/resend-confirmation")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password")]
    [InlineData("/account/reset-password/done")]
    public async Task Public_pages_open_without_signing_in(string url) =>
        await PortalClient.Create(factory).GetPageAsync(url);

    [Fact]
    public async Task A_citizen_gets_access_denied_on_staff_pages_and_staff_on_citizen_pages()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var denied = await citizen.Http.GetAsync("/staff/cases");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var staff = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        var deniedToo = await staff.Http.GetAsync("/my/applications");
        Assert.StartsWith("/account/access-denied", deniedToo.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await staff.GetPageAsync("/account/access-denied", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_addresses_get_a_friendly_404_page()
    {
        var page = await PortalClient.Create(factory).GetPageAsync("/no-such-page", HttpStatusCode.NotFound);
        Assert.Contains("ページが見つかりません", page.Text("h1"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var client = PortalClient.Create(factory);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await PortalClient.ReadAsync(await client.SignInAsync(Demo.Analyst, "wrong-password-" + i));
            Assert.Contains(wrong.ErrorSummary(), m => m.Contains("正しくありません", StringComparison.Ordinal) || m.Contains("ロック", StringComparison.Ordinal));
        }

        var locked = await client.SignInAsync(Demo.Analyst, PortalClient.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("一時的にロックしています", (await PortalClient.ReadAsync(locked)).ErrorSummary()[0]);
    }

    [Fact]
    public async Task Wrong_email_and_wrong_password_get_the_same_message()
    {
        var client = PortalClient.Create(factory);
        var unknown = await PortalClient.ReadAsync(await client.SignInAsync("nobody@example.jp", "whatever-password"));
        var wrong = await PortalClient.ReadAsync(await client.SignInAsync(Demo.Citizen2, "whatever-password"));
        Assert.Equal(unknown.ErrorSummary(), wrong.ErrorSummary());
    }

    [Fact]
    public async Task A_citizen_can_register_and_signs_in_after_confirming_the_address()
    {
        const string email = "new.citizen@example.jp";
        var client = PortalClient.Create(factory);
        var response = await client.PostFormAsync("/account/register", new()
        {
            ["Email"] = email,
            ["DisplayName"] = "新規 市民",
            ["Password"] = "a-long-password-1",
            ["ConfirmPassword"] = "a-long-password-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/check-email", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, "a-long-password-1")).StatusCode);

        string body;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            body = await scope.ServiceProvider.GetRequiredService<CityDxDbContext>().Outbox
                .Where(m => m.To == email && m.Kind == "ConfirmEmail").Select(m => m.Body).SingleAsync();
        }

        var link = body.Split('\n').Single(l => l.Contains("/account/confirm-email?", StringComparison.Ordinal)).Trim();
        await client.GetPageAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "a-long-password-1")).StatusCode);
        await client.GetPageAsync("/my/applications");
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_cookies_are_http_only()
    {
        var client = PortalClient.Create(factory);
        var page = await client.Http.GetAsync("/account/sign-in");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(page.Headers.Contains("X-Correlation-ID"));

        var signedIn = await client.SignInAsync(Demo.Citizen, PortalClient.DemoPassword);
        var authCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CityDx.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", authCookie, StringComparison.OrdinalIgnoreCase);
    }
}
