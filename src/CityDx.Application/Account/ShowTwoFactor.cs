using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// 二段階認証 (settings): whether it is on, how many recovery codes are left and, while it is off,
/// the shared key to put into an authenticator app. The key is created the first time it is asked
/// for and stays the same until two-factor authentication is turned on and off again.
/// </summary>
public static class ShowTwoFactor
{
    public sealed record Query : IQuery<Result>;

    /// <param name="SharedKey">Formatted in groups of four; null while two-factor authentication is on.</param>
    /// <param name="AuthenticatorUri">The otpauth:// address for the QR code; null while it is on.</param>
    public sealed record Result(bool Enabled, int RecoveryCodesLeft, string? SharedKey, string? AuthenticatorUri);

    public sealed class Handler(UserManager<ApplicationUser> users, ICurrentUser current, IStringLocalizer<SharedResource> l)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireUserId()) ?? throw new UnauthorizedAccessException();
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                return new Result(true, await users.CountRecoveryCodesAsync(user), null, null);
            }

            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
            }

            var account = await users.GetEmailAsync(user) ?? user.UserName ?? "";
            return new Result(false, 0, TwoFactorCodes.FormatKey(key), TwoFactorCodes.AuthenticatorUri(l["Site.Name"], account, key));
        }
    }
}
