using System.Net;
using CityDx.Domain;
using CityDx.Infrastructure.Identity;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Security;

/// <summary>
/// Many people behind one address (a ward office's egress, a mobile carrier's CGNAT) with the
/// production rate limits: correct sign-ins and registrations are never refused for sharing the
/// address, while guessing one account's password, or trying many accounts, is stopped.
/// </summary>
public sealed class SharedAddressTests(SharedAddressTests.SharedAddressFactory factory) : IClassFixture<SharedAddressTests.SharedAddressFactory>
{
    private const string Password = "shared-address-pass-1";

    /// <summary>The production limits, and the client address a test names in <c>X-Test-Address</c> (as a proxy would forward it).</summary>
    public sealed class SharedAddressFactory : CityDxFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:SignInPerMinute", "10");
            builder.UseSetting("RateLimits:SignInFailuresPerAddress", "100");
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, TestAddress>());
        }

        private sealed class TestAddress : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((http, then) =>
                {
                    if (http.Request.Headers.TryGetValue("X-Test-Address", out var address))
                    {
                        http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }

                    return then(http);
                });
                next(app);
            };
        }
    }

    private PortalClient From(string address)
    {
        var client = PortalClient.Create(factory);
        client.Http.DefaultRequestHeaders.Add("X-Test-Address", address);
        return client;
    }

    private async Task<List<string>> AccountsAsync(string prefix, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i}@example.jp";
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "区民 " + i };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Citizen);
            emails.Add(email);
        }

        return emails;
    }

    [Fact]
    public async Task Sixty_people_sign_in_correctly_from_one_address_within_a_minute()
    {
        var emails = await AccountsAsync("cgnat", 60);
        var refused = new List<string>();
        foreach (var email in emails)
        {
            var person = From("198.51.100.10");
            var response = await person.SignInAsync(email, Password);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                refused.Add($"{email}: {(int)response.StatusCode}");
            }
        }

        Assert.True(refused.Count == 0, "Refused: " + string.Join(", ", refused));
    }

    [Fact]
    public async Task Forty_wrong_passwords_for_one_account_are_stopped_and_others_at_the_address_still_sign_in()
    {
        var emails = await AccountsAsync("guessed", 2);
        var attacker = From("198.51.100.20");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await attacker.SignInAsync(emails[0], "wrong-password-" + i)).StatusCode);
        }

        // Identity's lockout answers the first few with a message; the throttle then refuses outright.
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 25, string.Join(",", statuses.Select(s => (int)s)));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var right = await attacker.SignInAsync(emails[0], Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("1分ほど待って", (await PortalClient.ReadAsync(right)).Body!.TextContent, StringComparison.Ordinal);

        // Someone else at the same address who knows their password is not refused.
        Assert.Equal(HttpStatusCode.Redirect, (await From("198.51.100.20").SignInAsync(emails[1], Password)).StatusCode);
    }

    [Fact]
    public async Task One_address_trying_one_password_on_many_accounts_meets_a_ceiling()
    {
        var sprayer = From("198.51.100.30");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 110; i++)
        {
            statuses.Add((await sprayer.SignInAsync($"sprayed{i}@example.jp", "Summer2026!")).StatusCode);
        }

        Assert.All(statuses.Take(100), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(100), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // The ceiling is this address's: another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await From("198.51.100.31").SignInAsync("sprayed0@example.jp", "Summer2026!")).StatusCode);
    }

    [Fact]
    public async Task Fifteen_people_register_from_one_address_and_one_address_cannot_be_mailed_without_end()
    {
        for (var i = 0; i < 15; i++)
        {
            var response = await From("198.51.100.40").PostFormAsync("/account/register", new()
            {
                ["Email"] = $"ward-counter{i}@example.jp",
                ["DisplayName"] = "窓口 来庁者",
                ["Password"] = Password,
                ["ConfirmPassword"] = Password,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Registration {i}: {(int)response.StatusCode}");
        }

        // Password-reset mails to one address: limited per account, whoever asks and from wherever.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await From($"198.51.100.{50 + i}").PostFormAsync("/account/forgot-password", new() { ["Email"] = Demo.Citizen2 })).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
