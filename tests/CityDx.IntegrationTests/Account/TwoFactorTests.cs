using System.Net;
using AngleSharp.Html.Dom;
using CityDx.Infrastructure.Identity;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CityDx.IntegrationTests.Account;

/// <summary>
/// 二段階認証: turned on from the account settings with a code computed (as an authenticator app
/// would) from the key the page shows; then sign-in asks for a code after the password, a recovery
/// code works once, wrong codes count towards lockout, and it is turned off with a code or the password.
/// </summary>
public sealed class TwoFactorTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private const string CodePage = "/account/sign-in/code";

    [Fact]
    public async Task Turned_on_with_a_code_from_the_shown_key_then_sign_in_asks_for_the_code()
    {
        var client = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var settings = await client.GetPageAsync("/account/settings");
        Assert.Equal("/account/two-factor", settings.QuerySelector("#two-factor-link")?.GetAttribute("href"));

        var setup = await client.GetPageAsync("/account/two-factor");
        Assert.Equal("二段階認証は無効です。", setup.Text("#two-factor-status"));
        var key = setup.Text("#shared-key");
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("#qr-code")?.GetAttribute("src"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(setup.QuerySelector("#qr-code")?.GetAttribute("alt")));

        // The key stays the same until it is used, so an app set up from the first view keeps working.
        Assert.Equal(key, (await client.GetPageAsync("/account/two-factor")).Text("#shared-key"));

        var wrong = await PortalClient.ReadAsync(await Enable(client, WrongCode(key)));
        Assert.Equal(["確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください"], wrong.ErrorSummary());
        var notDigits = await PortalClient.ReadAsync(await Enable(client, "abc"));
        Assert.Equal(["確認コードは6桁の数字で入力してください"], notDigits.ErrorSummary());

        var enabled = await PortalClient.ReadAsync(await Enable(client, Spaced(Code(key))));
        Assert.Contains("二段階認証を有効にしました", enabled.Text(".notice"));
        var recoveryCodes = RecoveryCodes(enabled);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(10, recoveryCodes.Distinct().Count());
        Assert.Equal("二段階認証は有効です。", enabled.Text("#two-factor-status"));
        Assert.Null(enabled.QuerySelector("#shared-key"));

        // Shown once: a later visit shows how many are left, not the codes.
        var later = await client.GetPageAsync("/account/two-factor");
        Assert.Empty(RecoveryCodes(later));
        Assert.Contains("10", later.Text("#recovery-codes-left"));

        // The password alone no longer signs in.
        var browser = PortalClient.Create(factory);
        var password = await browser.SignInAsync(Demo.Citizen, PortalClient.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal(CodePage, password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/my/applications")).StatusCode);

        var refused = await browser.PostFormAsync(CodePage, new() { ["Code"] = WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(["確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください"], (await PortalClient.ReadAsync(refused)).ErrorSummary());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/my/applications")).StatusCode);

        var signedIn = await browser.PostFormAsync(CodePage, new() { ["Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        await browser.GetPageAsync("/my/applications");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, codes) = await EnableAsync(Demo.Citizen2);

        var first = await PasswordThenAsync(Demo.Citizen2);
        var used = await first.PostFormAsync(CodePage + "?recovery=true", new() { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        await first.GetPageAsync("/my/applications");

        var again = await PasswordThenAsync(Demo.Citizen2);
        var reused = await again.PostFormAsync(CodePage + "?recovery=true", new() { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal(["リカバリーコードが正しくないか、既に使われています"], (await PortalClient.ReadAsync(reused)).ErrorSummary());

        // Typed in lower case without the hyphen, as people do, another code still works.
        var typed = await again.PostFormAsync(CodePage + "?recovery=true", new() { ["Code"] = codes[1].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        var settings = await again.GetPageAsync("/account/two-factor");
        Assert.Contains("8", settings.Text("#recovery-codes-left"));

        // Running low: ten new ones for a current code from the app; the old ones die.
        var key = await KeyOfAsync(Demo.Citizen2);
        var wrong = await PortalClient.ReadAsync(await Renew(again, WrongCode(key)));
        Assert.Equal(["確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください"], wrong.ErrorSummary());
        Assert.Equal("#RenewCode", wrong.QuerySelector(".error-summary a")?.GetAttribute("href"));
        var renewed = await PortalClient.ReadAsync(await Renew(again, Code(key)));
        Assert.Contains("新しいリカバリーコードを発行しました", renewed.Text(".notice"));
        var fresh = RecoveryCodes(renewed);
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(codes));

        var old = await PasswordThenAsync(Demo.Citizen2);
        Assert.Equal(HttpStatusCode.OK, (await old.PostFormAsync(CodePage + "?recovery=true", new() { ["Code"] = codes[2] })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await old.PostFormAsync(CodePage + "?recovery=true", new() { ["Code"] = fresh[0] })).StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_of_either_kind_lock_the_account_like_wrong_passwords()
    {
        var (key, codes) = await EnableAsync(Demo.Analyst);
        var browser = await PasswordThenAsync(Demo.Analyst);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(CodePage, new() { ["Code"] = WrongCode(key) })).StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(CodePage + "?recovery=true", new() { ["Code"] = "AAAAA-BBBBB" })).StatusCode);
        }

        // Five failures: even the right code is now refused, with the lockout message.
        var locked = await browser.PostFormAsync(CodePage, new() { ["Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("ロックしています", (await PortalClient.ReadAsync(locked)).ErrorSummary()[0]);
        var recovery = await browser.PostFormAsync(CodePage + "?recovery=true", new() { ["Code"] = codes[0] });
        Assert.Contains("ロックしています", (await PortalClient.ReadAsync(recovery)).ErrorSummary()[0]);

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(Demo.Analyst);
        Assert.True(await users.IsLockedOutAsync(user!));
        Assert.Equal(10, await users.CountRecoveryCodesAsync(user!));
    }

    [Fact]
    public async Task Turned_off_with_the_password_or_with_a_code_and_sign_in_goes_back_to_the_password_alone()
    {
        var (key, codes) = await EnableAsync(Demo.KitaStaff);
        var client = await SignedInWithCodeAsync(Demo.KitaStaff, key);

        var empty = await PortalClient.ReadAsync(await Disable(client, "", ""));
        Assert.Equal(["認証アプリの確認コードか、パスワードを入力してください"], empty.ErrorSummary());
        var wrongPassword = await PortalClient.ReadAsync(await Disable(client, "", "not-my-password"));
        Assert.Equal(["現在のパスワードが正しくありません"], wrongPassword.ErrorSummary());
        var wrongCode = await PortalClient.ReadAsync(await Disable(client, WrongCode(key), ""));
        Assert.Equal(["確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください"], wrongCode.ErrorSummary());

        var off = await PortalClient.ReadAsync(await Disable(client, "", PortalClient.DemoPassword));
        Assert.Contains("二段階認証を無効にしました", off.Text(".notice"));
        Assert.Equal("二段階認証は無効です。", off.Text("#two-factor-status"));
        Assert.NotEqual(key, off.Text("#shared-key")); // a fresh key for next time
        Assert.Equal("/", (await PortalClient.Create(factory).SignInAsync(Demo.KitaStaff, PortalClient.DemoPassword)).Headers.Location!.OriginalString);

        // The old recovery codes died with it; on again, then off with a code.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(Demo.KitaStaff);
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user!, codes[0])).Succeeded);
        }

        var (newKey, _) = await EnableAsync(Demo.KitaStaff);
        var again = await SignedInWithCodeAsync(Demo.KitaStaff, newKey);
        var offByCode = await PortalClient.ReadAsync(await Disable(again, Code(newKey), ""));
        Assert.Equal("二段階認証は無効です。", offByCode.Text("#two-factor-status"));
    }

    [Fact]
    public async Task A_code_without_a_password_step_first_signs_nobody_in()
    {
        var stranger = PortalClient.Create(factory);
        var response = await stranger.PostFormAsync(CodePage, new() { ["Code"] = "123456" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ReadAsync(response);
        Assert.Equal(["ログインの途中で時間が切れました。もう一度初めからログインしてください"], page.ErrorSummary());
        Assert.Equal("/account/sign-in", page.QuerySelector("#sign-in-again a")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.Http.GetAsync("/my/applications")).StatusCode);
    }

    [Fact]
    public async Task The_pages_speak_english_too()
    {
        var client = await PortalClient.SignedInAsync(factory, Demo.Admin);
        var page = await client.GetPageAsync("/account/two-factor?culture=en");
        Assert.Equal("Two-factor authentication", page.Text("h1"));
        Assert.Equal("Two-factor authentication is off.", page.Text("#two-factor-status"));
        var code = await PortalClient.Create(factory).GetPageAsync(CodePage + "?culture=en");
        Assert.Equal("Enter your verification code", code.Text("h1"));
    }

    // --- helpers ---

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(string email)
    {
        var client = await PortalClient.SignedInAsync(factory, email);
        var key = (await client.GetPageAsync("/account/two-factor")).Text("#shared-key");
        var enabled = await PortalClient.ReadAsync(await Enable(client, Code(key)));
        var codes = RecoveryCodes(enabled);
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    private async Task<PortalClient> PasswordThenAsync(string email)
    {
        var browser = PortalClient.Create(factory);
        var response = await browser.SignInAsync(email, PortalClient.DemoPassword);
        Assert.Equal(CodePage, response.Headers.Location?.OriginalString);
        return browser;
    }

    private async Task<PortalClient> SignedInWithCodeAsync(string email, string key)
    {
        var browser = await PasswordThenAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(CodePage, new() { ["Code"] = Code(key) })).StatusCode);
        return browser;
    }

    private static Task<HttpResponseMessage> Enable(PortalClient client, string code) =>
        client.PostFormAsync("/account/two-factor", new() { ["Code"] = code },
            formSelector: "main form[action*=Enable]", action: "/account/two-factor?handler=Enable");

    private static Task<HttpResponseMessage> Renew(PortalClient client, string code) =>
        client.PostFormAsync("/account/two-factor", new() { ["RenewCode"] = code },
            formSelector: "main form[action*=Renew]", action: "/account/two-factor?handler=Renew");

    /// <summary>The key as stored (the page shows it only while two-factor authentication is off).</summary>
    private async Task<string> KeyOfAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    }

    private static Task<HttpResponseMessage> Disable(PortalClient client, string code, string password) =>
        client.PostFormAsync("/account/two-factor", new() { ["Code"] = code, ["Password"] = password },
            formSelector: "main form[action*=Disable]", action: "/account/two-factor?handler=Disable");

    private static List<string> RecoveryCodes(IHtmlDocument page) =>
        page.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();

    /// <summary>What an authenticator app shows now for the key as the page printed it.</summary>
    private static string Code(string shownKey) => Totp(shownKey).ComputeTotp(DateTime.UtcNow);

    /// <summary>Six digits that no nearby time step of the key produces.</summary>
    private static string WrongCode(string shownKey)
    {
        var totp = Totp(shownKey);
        var now = DateTime.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet();
        var candidate = 0;
        while (valid.Contains(candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)))
        {
            candidate++;
        }

        return candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Spaced(string code) => code[..3] + " " + code[3..];

    private static Totp Totp(string shownKey) =>
        new(Base32Encoding.ToBytes(shownKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
}
