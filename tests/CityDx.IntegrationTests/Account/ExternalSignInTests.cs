using System.Net;
using System.Text.RegularExpressions;
using CityDx.Application.Account;
using CityDx.Domain;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CityDx.IntegrationTests.Account;

/// <summary>The portal with Authentication:Oidc pointing at an OpenID Connect provider started by the tests.</summary>
public sealed class OidcCityDxFactory : CityDxFactory
{
    /// <summary>The test server's own address, as the portal tells the provider where to send people back.</summary>
    public const string RedirectUri = "http://localhost/signin-oidc";

    public TestOidcProvider Provider { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync(RedirectUri);
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:Oidc:Enabled", "true");
        builder.UseSetting("Authentication:Oidc:DisplayNameJa", "テスト認証");
        builder.UseSetting("Authentication:Oidc:DisplayNameEn", "Test ID");
        builder.UseSetting("Authentication:Oidc:Authority", Provider.Authority);
        builder.UseSetting("Authentication:Oidc:ClientId", TestOidcProvider.ClientId);
        builder.UseSetting("Authentication:Oidc:ClientSecret", TestOidcProvider.ClientSecret);
        builder.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// 外部サービスでログイン against a real OpenID Connect provider on Kestrel: the test plays the
/// browser, following every redirect itself across the two hosts, with cookies kept per host.
/// </summary>
public sealed partial class ExternalSignInTests(OidcCityDxFactory factory) : IClassFixture<OidcCityDxFactory>
{
    private const string Scheme = "oidc";

    [Fact]
    public async Task The_first_sign_in_creates_an_account_linked_to_the_subject_and_the_next_one_finds_it()
    {
        factory.Provider.User = new TestUser("sub-verified", "mynumber.user@example.jp", EmailVerified: true, "番号 花子");
        var browser = new Browser(factory);

        var signInPage = await browser.Portal.GetPageAsync("/account/sign-in");
        Assert.Equal("テスト認証でログイン", signInPage.Text("#external-sign-in"));
        var csp = (await browser.Portal.Http.GetAsync("/account/sign-in")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self' " + factory.Provider.Authority.TrimEnd('/'), csp, StringComparison.Ordinal);

        var challenge = await browser.StartAsync();
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(factory.Provider.Authority + "connect/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);

        var end = await browser.FollowAsync(challenge);
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Equal("/", browser.Trail[^1]);
        Assert.Contains(browser.Trail, t => t.StartsWith("/account/external-sign-in", StringComparison.Ordinal));
        await browser.Portal.GetPageAsync("/my/applications");

        // What the portal asked for: the code flow with PKCE (S256), the configured client, a nonce.
        var request = factory.Provider.AuthorizationRequests[^1];
        Assert.Equal("code", request.ResponseType);
        Assert.Equal("S256", request.CodeChallengeMethod);
        Assert.False(string.IsNullOrEmpty(request.Nonce));
        Assert.Equal(TestOidcProvider.ClientId, request.ClientId);

        string userId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByLoginAsync(Scheme, "sub-verified");
            Assert.NotNull(user);
            userId = user.Id;
            Assert.Equal("mynumber.user@example.jp", user.Email);
            Assert.True(user.EmailConfirmed);
            Assert.Equal("番号 花子", user.DisplayName);
            Assert.Null(user.PasswordHash);
            Assert.True(await users.IsInRoleAsync(user, Roles.Citizen));
        }

        // Later sign-ins go by the subject, not by the address: a changed address finds the same account.
        factory.Provider.User = factory.Provider.User with { Email = "changed.address@example.jp" };
        var again = new Browser(factory);
        Assert.Equal(HttpStatusCode.OK, (await again.FollowAsync(await again.StartAsync())).StatusCode);
        Assert.Equal("/", again.Trail[^1]);
        await again.Portal.GetPageAsync("/my/applications");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var logins = await db.UserLogins.AsNoTracking().Where(l => l.LoginProvider == Scheme && l.ProviderKey == "sub-verified").ToListAsync();
            Assert.Equal(userId, Assert.Single(logins).UserId);
            Assert.False(await db.Users.AnyAsync(u => u.Email == "changed.address@example.jp"));
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == "mynumber.user@example.jp"));
        }
    }

    [Fact]
    public async Task Without_an_address_the_provider_vouches_for_the_person_confirms_one_by_mail_first()
    {
        factory.Provider.User = new TestUser("sub-unverified", "unverified@example.jp", EmailVerified: false, Name: null);
        var browser = new Browser(factory);
        var form = await browser.FollowAsync(await browser.StartAsync());
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await PortalClient.ReadAsync(form);
        Assert.Equal("アカウントの作成", page.Text("h1"));
        Assert.Contains("テスト認証でのログインは初めてです", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("unverified@example.jp", page.QuerySelector("#Email")?.GetAttribute("value"));

        var missingName = await browser.Portal.PostFormAsync("/account/external-sign-in", new() { ["Email"] = "unverified@example.jp", ["DisplayName"] = "" }, action: "/account/external-sign-in");
        Assert.Equal(["表示名を入力してください"], (await PortalClient.ReadAsync(missingName)).ErrorSummary());

        var sent = await browser.Portal.PostFormAsync("/account/external-sign-in", new() { ["Email"] = "unverified@example.jp", ["DisplayName"] = "外部 利用者" }, action: "/account/external-sign-in");
        Assert.Equal("/account/check-email", sent.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Portal.Http.GetAsync("/my/applications")).StatusCode);

        // Linked already, but the address is not confirmed: the provider alone does not sign in yet.
        var early = new Browser(factory);
        var notYet = await PortalClient.ReadAsync(await early.FollowAsync(await early.StartAsync()));
        Assert.Contains("メールアドレスの確認が済んでいません", notYet.Text("#external-sign-in-message"));

        string body;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            body = (await db.Outbox.AsNoTracking().SingleAsync(m => m.To == "unverified@example.jp" && m.Kind == AccountMails.ConfirmEmailKind)).Body;
        }

        await browser.Portal.GetPageAsync(new Uri(LinkPattern().Match(body).Value).PathAndQuery);
        var later = new Browser(factory);
        await later.FollowAsync(await later.StartAsync());
        Assert.Equal("/", later.Trail[^1]);
        await later.Portal.GetPageAsync("/my/applications");
    }

    [Fact]
    public async Task An_address_that_already_has_an_account_does_not_take_that_account_over()
    {
        factory.Provider.User = new TestUser("sub-someone-else", Demo.Citizen, EmailVerified: true, "誰か");
        var browser = new Browser(factory);
        var page = await PortalClient.ReadAsync(await browser.FollowAsync(await browser.StartAsync()));
        Assert.Contains("既にあります", page.Text("#external-sign-in-message"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Portal.Http.GetAsync("/my/applications")).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Null(await users.FindByLoginAsync(Scheme, "sub-someone-else"));
        Assert.Empty(await users.GetLoginsAsync((await users.FindByEmailAsync(Demo.Citizen))!));
    }

    [Fact]
    public async Task A_linked_account_with_two_factor_authentication_still_asks_for_the_code()
    {
        factory.Provider.User = new TestUser("sub-two-factor", "two.factor@example.jp", EmailVerified: true, "二段 階");
        var first = new Browser(factory);
        await first.FollowAsync(await first.StartAsync());
        Assert.Equal("/", first.Trail[^1]);

        string key;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByLoginAsync(Scheme, "sub-two-factor"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var browser = new Browser(factory);
        var codePage = await browser.FollowAsync(await browser.StartAsync());
        Assert.Equal("/account/sign-in/code", browser.Trail[^1]);
        Assert.Equal(HttpStatusCode.OK, codePage.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Portal.Http.GetAsync("/my/applications")).StatusCode);

        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
        var signedIn = await browser.Portal.PostFormAsync("/account/sign-in/code", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await browser.Portal.GetPageAsync("/my/applications");
    }

    [Fact]
    public async Task An_answer_that_fails_the_checks_ends_on_a_page_that_says_so()
    {
        var browser = new Browser(factory);
        var forged = await browser.Portal.Http.GetAsync("/signin-oidc?code=forged&state=forged");
        var end = await browser.FollowAsync(forged);
        Assert.Equal("/account/external-sign-in?failed=1", browser.Trail[^1]);
        var page = await PortalClient.ReadAsync(end);
        Assert.Equal("ログインできませんでした", page.Text("h1"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Portal.Http.GetAsync("/my/applications")).StatusCode);
    }

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?\S+")]
    private static partial Regex LinkPattern();

    /// <summary>
    /// One person's browser: a cookie jar for the portal (the test server's client) and one for the
    /// provider (a real HTTP client to Kestrel); redirects followed by hand, each to its own host.
    /// </summary>
    private sealed class Browser(OidcCityDxFactory factory)
    {
        public PortalClient Portal { get; } = PortalClient.Create(factory);

        private HttpClient Provider { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

        /// <summary>Every Location followed, portal ones as path and query.</summary>
        public List<string> Trail { get; } = [];

        /// <summary>Presses "…でログイン" on the sign-in page.</summary>
        public async Task<HttpResponseMessage> StartAsync()
        {
            var response = await Portal.PostFormAsync("/account/sign-in", [], formSelector: "main form[action*=External]", action: "/account/sign-in?handler=External");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response;
        }

        public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
        {
            var provider = new Uri(factory.Provider.Authority);
            for (var hops = 0; (int)response.StatusCode is >= 300 and < 400; hops++)
            {
                Assert.True(hops < 10, "Too many redirects: " + string.Join(" → ", Trail));
                var location = response.Headers.Location!;
                if (location.IsAbsoluteUri && location.Authority == provider.Authority)
                {
                    Trail.Add(location.AbsoluteUri);
                    response = await Provider.GetAsync(location);
                }
                else
                {
                    var local = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
                    Trail.Add(local);
                    response = await Portal.Http.GetAsync(local);
                }
            }

            return response;
        }
    }
}

/// <summary>Without Authentication:Oidc the portal shows no external sign-in and refuses to start one.</summary>
public sealed class ExternalSignInOffTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task No_button_and_no_challenge_without_configuration()
    {
        var client = PortalClient.Create(factory);
        var page = await client.GetPageAsync("/account/sign-in");
        Assert.Null(page.QuerySelector("#external-sign-in"));
        Assert.Single(page.QuerySelectorAll("main form[method=post]"));
        var csp = (await client.Http.GetAsync("/account/sign-in")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self';", csp, StringComparison.Ordinal);

        var started = await client.PostFormAsync("/account/sign-in", [], action: "/account/sign-in?handler=External");
        Assert.Equal(HttpStatusCode.NotFound, started.StatusCode);
    }
}
