using System.Net;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CityDx.IntegrationTests.Account;

/// <summary>アカウントの削除: the profile goes, the applications stay and staff can still work them.</summary>
public sealed class DeleteAccountTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task Deleting_needs_the_password_and_a_tick_and_keeps_the_applications()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen2);
        var (caseId, receipt) = await Filing.FileDogRegistrationAsync(citizen);

        var unticked = await PortalClient.ReadAsync(await citizen.PostFormAsync("/account/delete", new() { ["Password"] = PortalClient.DemoPassword }));
        Assert.Equal(["確認のチェックを入れてください"], unticked.ErrorSummary());
        var wrong = await PortalClient.ReadAsync(await citizen.PostFormAsync("/account/delete", new() { ["Password"] = "wrong-password-1", ["Confirmed"] = "true" }));
        Assert.Equal(["パスワードが正しくありません"], wrong.ErrorSummary());

        var deleted = await citizen.PostFormAsync("/account/delete", new() { ["Password"] = PortalClient.DemoPassword, ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        // Signed out, and the account can never sign in again.
        Assert.StartsWith("/account/sign-in", (await citizen.Http.GetAsync("/my/applications")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PortalClient.Create(factory).SignInAsync(Demo.Citizen2, PortalClient.DemoPassword)).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == Demo.Citizen2 || u.DisplayName == "難波 太郎"));
        Assert.True(await db.Cases.AnyAsync(c => c.Id == caseId));

        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Contains(receipt, (await kita.GetPageAsync($"/staff/cases/{caseId}")).Text("h1"));
    }

    [Fact]
    public async Task Deleting_an_account_with_two_factor_authentication_removes_its_key_and_recovery_codes()
    {
        string userId, key;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(Demo.Citizen))!;
            userId = user.Id;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }

        var citizen = PortalClient.Create(factory);
        Assert.Equal("/account/sign-in/code", (await citizen.SignInAsync(Demo.Citizen, PortalClient.DemoPassword)).Headers.Location?.OriginalString);
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.PostFormAsync("/account/sign-in/code", new() { ["Code"] = code })).StatusCode);

        var deleted = await citizen.PostFormAsync("/account/delete", new() { ["Password"] = PortalClient.DemoPassword, ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        await using var check = factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<CityDxDbContext>();
        Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == userId));
        Assert.False((await db.Users.SingleAsync(u => u.Id == userId)).TwoFactorEnabled);
    }
}
