using System.Net;
using System.Text.RegularExpressions;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Account;

/// <summary>アカウント設定: changing the password and, through a mail to the new address, the email address.</summary>
public sealed partial class AccountSettingsTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task The_password_changes_only_with_the_current_one()
    {
        var client = await PortalClient.SignedInAsync(factory, Demo.Analyst);
        var wrong = await PortalClient.ReadAsync(await client.PostFormAsync("/account/settings",
            new() { ["CurrentPassword"] = "not-my-password", ["NewPassword"] = "brand-new-pass-1", ["ConfirmPassword"] = "brand-new-pass-1" },
            formSelector: "main form[action*=Password]", action: "/account/settings?handler=Password"));
        Assert.Equal(["現在のパスワードが正しくありません"], wrong.ErrorSummary());

        var changed = await PortalClient.ReadAsync(await client.PostFormAsync("/account/settings",
            new() { ["CurrentPassword"] = PortalClient.DemoPassword, ["NewPassword"] = "brand-new-pass-1", ["ConfirmPassword"] = "brand-new-pass-1" },
            formSelector: "main form[action*=Password]", action: "/account/settings?handler=Password"));
        Assert.Contains("パスワードを変更しました", changed.Text(".notice"));

        Assert.Equal(HttpStatusCode.OK, (await PortalClient.Create(factory).SignInAsync(Demo.Analyst, PortalClient.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(factory).SignInAsync(Demo.Analyst, "brand-new-pass-1")).StatusCode);
    }

    [Fact]
    public async Task A_new_email_address_is_confirmed_by_a_link_sent_to_it()
    {
        var client = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var sent = await PortalClient.ReadAsync(await client.PostFormAsync("/account/settings",
            new() { ["NewEmail"] = "new.address@example.jp", ["EmailPassword"] = PortalClient.DemoPassword },
            formSelector: "main form[action*=Email]", action: "/account/settings?handler=Email"));
        Assert.Contains("確認メールを送りました", sent.Text(".notice"));

        string body;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
            var mail = await db.Outbox.SingleAsync(m => m.Kind == "ChangeEmail" && m.To == "new.address@example.jp");
            body = mail.Body;
            Assert.True(await db.Users.AnyAsync(u => u.Email == Demo.Citizen2), "the address must not change before the link is opened");
        }

        var link = new Uri(LinkPattern().Match(body).Value);
        var tampered = await PortalClient.Create(factory).GetPageAsync(link.PathAndQuery.Replace("code=", "code=AAAA", StringComparison.Ordinal));
        Assert.Contains("変更できませんでした", tampered.Text("h1"));

        var confirmed = await PortalClient.Create(factory).GetPageAsync(link.PathAndQuery);
        Assert.Contains("変更しました", confirmed.Text("h1"));
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Create(factory).SignInAsync("new.address@example.jp", PortalClient.DemoPassword)).StatusCode);
    }

    [GeneratedRegex(@"https?://\S+/account/confirm-email-change\?\S+")]
    private static partial Regex LinkPattern();
}
