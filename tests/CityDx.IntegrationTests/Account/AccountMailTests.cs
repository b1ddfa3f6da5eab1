using System.Net;
using System.Text.RegularExpressions;
using CityDx.Application.Account;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.IntegrationTests.Account;

/// <summary>
/// Account mails through the outbox: a new account confirms its address before it can sign in,
/// and a forgotten password is reset from a mailed link. Neither flow tells a stranger which
/// addresses have accounts.
/// </summary>
public sealed partial class AccountMailTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private const string Password = "a-long-password-1";

    [Fact]
    public async Task A_new_account_signs_in_only_after_following_the_mailed_confirmation_link()
    {
        const string email = "confirm.me@example.jp";
        var client = PortalClient.Create(factory);
        var registered = await Register(client, email);
        Assert.Equal("/account/check-email", registered.Headers.Location!.OriginalString);
        var sent = await client.GetPageAsync("/account/check-email");
        Assert.Contains("確認メールを送りました", sent.Text("h1"));
        Assert.Contains("迷惑メール", sent.Body!.TextContent);

        // Registering did not sign in.
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/my/applications")).StatusCode);

        // The right password on an unconfirmed account: a clear message and a way to get the mail again.
        var notYet = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, notYet.StatusCode);
        var notYetPage = await PortalClient.ReadAsync(notYet);
        Assert.Contains("メールアドレスの確認が済んでいません", notYetPage.ErrorSummary()[0]);
        Assert.NotNull(notYetPage.QuerySelector("a[href='/account/resend-confirmation']"));

        // A wrong password gets the ordinary message: nothing tells a stranger the account exists.
        var wrong = await PortalClient.ReadAsync(await client.SignInAsync(email, "not-the-password"));
        Assert.Contains("正しくありません", wrong.ErrorSummary()[0]);

        var mail = Assert.Single(await MailsAsync(email, AccountMails.ConfirmEmailKind));
        Assert.StartsWith("【大阪市】メールアドレスの確認", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("新規 市民 様", mail.Body, StringComparison.Ordinal);
        var confirmed = await client.GetPageAsync(Link(mail.Body, "confirm-email"));
        Assert.Equal("メールアドレスを確認しました", confirmed.Text("h1"));

        var signedIn = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await client.GetPageAsync("/my/applications");
    }

    [Fact]
    public async Task The_confirmation_mail_is_in_the_registrants_language_and_a_tampered_link_confirms_nothing()
    {
        const string email = "english.speaker@example.jp";
        var client = PortalClient.Create(factory);
        await Register(client, email, "/account/register?culture=en");
        var mail = Assert.Single(await MailsAsync(email, AccountMails.ConfirmEmailKind));
        Assert.Equal("[Osaka City] Please confirm your email address", mail.Subject);
        Assert.Contains("Dear 新規 市民", mail.Body, StringComparison.Ordinal);

        var invalid = await client.GetPageAsync(Tamper(Link(mail.Body, "confirm-email")));
        Assert.Equal("このリンクは使えません", invalid.Text("h1"));
        Assert.NotNull(invalid.QuerySelector("a[href='/account/resend-confirmation']"));
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, Password)).StatusCode);
    }

    [Fact]
    public async Task Resending_the_confirmation_answers_the_same_for_any_address_and_mails_only_a_waiting_account()
    {
        const string email = "resend.me@example.jp";
        var client = PortalClient.Create(factory);
        await Register(client, email);

        var known = await client.PostFormAsync("/account/resend-confirmation", new() { ["Email"] = email });
        var unknown = await client.PostFormAsync("/account/resend-confirmation", new() { ["Email"] = "nobody.here@example.jp" });
        var confirmedAlready = await client.PostFormAsync("/account/resend-confirmation", new() { ["Email"] = Demo.Citizen });
        Assert.All([known, unknown, confirmedAlready], r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal(known.Headers.Location, confirmedAlready.Headers.Location);
        var answer = await client.GetPageAsync(known.Headers.Location!.OriginalString);
        Assert.Contains("確認待ちのアカウントがあれば", answer.Text("#sent-message"));

        var mails = await MailsAsync(email, AccountMails.ConfirmEmailKind);
        Assert.Equal(2, mails.Count);
        Assert.Empty(await MailsAsync("nobody.here@example.jp", null));
        Assert.Empty(await MailsAsync(Demo.Citizen, AccountMails.ConfirmEmailKind));

        // The newer link works.
        var confirmed = await client.GetPageAsync(Link(mails[^1].Body, "confirm-email"));
        Assert.Equal("メールアドレスを確認しました", confirmed.Text("h1"));
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_a_known_and_an_unknown_address_and_mails_only_the_known_one()
    {
        const string email = "forgetful@example.jp";
        await RegisterAndConfirmAsync(email);
        var client = PortalClient.Create(factory);
        var signInPage = await client.GetPageAsync("/account/sign-in");
        Assert.Equal("パスワードを忘れた方", signInPage.QuerySelector("a[href='/account/forgot-password']")!.TextContent.Trim());

        var unknown = await client.PostFormAsync("/account/forgot-password", new() { ["Email"] = "stranger@example.jp" });
        var known = await client.PostFormAsync("/account/forgot-password", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(unknown.Headers.Location, known.Headers.Location);
        var answer = await client.GetPageAsync(known.Headers.Location!.OriginalString);
        Assert.Contains("アカウントがあれば", answer.Text("#sent-message"));

        Assert.Empty(await MailsAsync("stranger@example.jp", null));
        var mail = Assert.Single(await MailsAsync(email, AccountMails.ResetPasswordKind));
        Assert.StartsWith("【大阪市】パスワード再設定", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/account/reset-password?userId=", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reset_link_sets_a_new_password_and_unlocks_a_locked_account()
    {
        const string email = "locked.out@example.jp";
        const string newPassword = "a-brand-new-password-2";
        await RegisterAndConfirmAsync(email);
        var client = PortalClient.Create(factory);
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(email, "wrong-password-" + i);
        }

        Assert.Contains("ロック", (await PortalClient.ReadAsync(await client.SignInAsync(email, Password))).ErrorSummary()[0]);

        await client.PostFormAsync("/account/forgot-password", new() { ["Email"] = email });
        var link = Link(Assert.Single(await MailsAsync(email, AccountMails.ResetPasswordKind)).Body, "reset-password");

        // Identity's rules still apply to the new password.
        var tooShort = await PortalClient.ReadAsync(await client.PostFormAsync(link, new() { ["Password"] = "short", ["ConfirmPassword"] = "short" }));
        Assert.Contains("10文字以上", tooShort.ErrorSummary()[0]);

        var reset = await client.PostFormAsync(link, new() { ["Password"] = newPassword, ["ConfirmPassword"] = newPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/account/reset-password/done", reset.Headers.Location!.OriginalString);
        var done = await client.GetPageAsync("/account/reset-password/done");
        Assert.NotNull(done.QuerySelector("a[href='/account/sign-in']"));

        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, newPassword)).StatusCode);

        // The link is used up: the reset changed the security stamp.
        var again = await PortalClient.ReadAsync(await PortalClient.Create(factory).PostFormAsync(link, new() { ["Password"] = "yet-another-password-3", ["ConfirmPassword"] = "yet-another-password-3" }));
        Assert.Contains("有効期限", again.ErrorSummary()[0]);
    }

    [Fact]
    public async Task A_tampered_reset_code_is_refused_with_a_message_and_changes_nothing()
    {
        const string email = "tampered@example.jp";
        await RegisterAndConfirmAsync(email);
        var client = PortalClient.Create(factory);
        await client.PostFormAsync("/account/forgot-password", new() { ["Email"] = email });
        var link = Link(Assert.Single(await MailsAsync(email, AccountMails.ResetPasswordKind)).Body, "reset-password");

        var refused = await client.PostFormAsync(Tamper(link), new() { ["Password"] = "an-attackers-password", ["ConfirmPassword"] = "an-attackers-password" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ReadAsync(refused);
        Assert.Contains("有効期限", page.ErrorSummary()[0]);
        Assert.StartsWith("エラー:", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/account/forgot-password']"));

        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, "an-attackers-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);

        // A link with no code at all says so straight away.
        var bare = await PortalClient.Create(factory).GetPageAsync("/account/reset-password");
        Assert.NotNull(bare.QuerySelector("#invalid-link-message"));
    }

    private static async Task<HttpResponseMessage> Register(PortalClient client, string email, string url = "/account/register")
    {
        var response = await client.PostFormAsync(url, new()
        {
            ["Email"] = email,
            ["DisplayName"] = "新規 市民",
            ["Password"] = Password,
            ["ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private async Task RegisterAndConfirmAsync(string email)
    {
        var client = PortalClient.Create(factory);
        await Register(client, email);
        var mail = Assert.Single(await MailsAsync(email, AccountMails.ConfirmEmailKind));
        await client.GetPageAsync(Link(mail.Body, "confirm-email"));
    }

    private async Task<List<(string Subject, string Body)>> MailsAsync(string to, string? kind)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var rows = await db.Outbox.AsNoTracking().Where(m => m.To == to && (kind == null || m.Kind == kind))
            .OrderBy(m => m.CreatedAt).Select(m => new { m.Subject, m.Body }).ToListAsync();
        return rows.Select(r => (r.Subject, r.Body)).ToList();
    }

    /// <summary>The link in a mail, as a path and query on the test server.</summary>
    private static string Link(string body, string page)
    {
        var match = LinkPattern().Matches(body).Single(m => m.Value.Contains("/account/" + page + "?", StringComparison.Ordinal));
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>The same link with one character of its code changed.</summary>
    private static string Tamper(string link)
    {
        var at = link.IndexOf("&code=", StringComparison.Ordinal) + "&code=".Length + 10;
        return link[..at] + (link[at] == 'A' ? 'B' : 'A') + link[(at + 1)..];
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
