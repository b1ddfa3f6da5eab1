using System.Security.Claims;
using CityDx.Application.Common;
using CityDx.Domain;
using CityDx.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace CityDx.Application.Account;

/// <summary>
/// 外部サービスでログイン (OpenID Connect, e.g. the マイナンバーカード authentication app), after
/// the provider has sent the person back: an account linked to the provider's subject signs in
/// (with its second factor, if it has one). The first time, an account is created and linked when
/// the provider vouches for an email address (email_verified); otherwise the person is asked for
/// an address, which a mail then confirms (<see cref="ExternalRegister"/>). An existing account is
/// never taken over by its address.
/// </summary>
public static class ExternalSignIn
{
    public sealed record Command : ICommand<Result>;

    public enum Outcome
    {
        SignedIn = 1,

        /// <summary>No answer from a provider in this browser (or its 5 minutes are over).</summary>
        Failed = 2,
        LockedOut = 3,
        RequiresTwoFactor = 4,

        /// <summary>The linked account's address is not confirmed yet.</summary>
        EmailNotConfirmed = 5,

        /// <summary>No linked account and no verified address: ask for an address (prefilled with <see cref="Result.Email"/>).</summary>
        NeedsEmail = 6,

        /// <summary>The verified address already belongs to an account: sign in with its password instead.</summary>
        EmailTaken = 7,
    }

    public sealed record Result(Outcome Outcome, string? Email = null, string? DisplayName = null);

    public sealed class Handler(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, ICurrentUser current)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null)
            {
                return new Result(Outcome.Failed);
            }

            var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
            if (result.Succeeded)
            {
                return new Result(Outcome.SignedIn);
            }

            if (result.RequiresTwoFactor)
            {
                return new Result(Outcome.RequiresTwoFactor);
            }

            if (result.IsLockedOut)
            {
                return new Result(Outcome.LockedOut);
            }

            if (result.IsNotAllowed)
            {
                return new Result(Outcome.EmailNotConfirmed);
            }

            var claims = ExternalClaims.Read(info.Principal);
            if (claims.Email is null || !claims.EmailVerified)
            {
                return new Result(Outcome.NeedsEmail, claims.Email, claims.Name);
            }

            if (await users.FindByEmailAsync(claims.Email) is not null)
            {
                return new Result(Outcome.EmailTaken, claims.Email);
            }

            var user = new ApplicationUser
            {
                UserName = claims.Email,
                Email = claims.Email,
                EmailConfirmed = true,
                DisplayName = claims.Name ?? claims.Email,
                PreferredCulture = current.PrefersEnglish ? "en" : "ja",
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                // A race with another registration of the same address, or an address Identity refuses.
                return new Result(Outcome.NeedsEmail, claims.Email, claims.Name);
            }

            await users.AddToRoleAsync(user, Roles.Citizen);
            Require(await users.AddLoginAsync(user, info));
            await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
            return new Result(Outcome.SignedIn);
        }
    }

    internal static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}

/// <summary>What the portal takes from an external provider's answer: the email address (and whether the provider vouches for it) and a name.</summary>
public sealed record ExternalClaims(string? Email, bool EmailVerified, string? Name)
{
    public static ExternalClaims Read(ClaimsPrincipal principal)
    {
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email");
        var verified = principal.FindFirstValue("email_verified");
        var name = principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name);
        return new ExternalClaims(
            string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase),
            string.IsNullOrWhiteSpace(name) ? null : name.Trim());
    }
}
