using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// ログインの2段階目: after the password (or an external provider) of an account with two-factor
/// authentication, a code from the authenticator app or one of the recovery codes, each usable
/// once. Wrong codes of either kind count towards the same lockout as wrong passwords.
/// </summary>
public static class SignInWithCode
{
    public sealed record Command(string Code, bool RecoveryCode) : ICommand<Outcome>;

    public enum Outcome
    {
        SignedIn = 1,
        Failed = 2,
        LockedOut = 3,

        /// <summary>No password step in progress (never started, or its 5 minutes are over): start again.</summary>
        Expired = 4,
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage(c => l[c.RecoveryCode ? "TwoFactor.RecoveryCodeRequired" : "TwoFactor.CodeRequired"]).MaximumLength(32);
        }
    }

    public sealed class Handler(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (user is null)
            {
                return Outcome.Expired;
            }

            if (await users.IsLockedOutAsync(user))
            {
                return Outcome.LockedOut;
            }

            SignInResult result;
            if (command.RecoveryCode)
            {
                var failuresBefore = await users.GetAccessFailedCountAsync(user);
                result = await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.NormalizeRecoveryCode(command.Code));

                // Identity does not count wrong recovery codes (they are long and random); the city
                // counts every wrong second factor alike. Counted once, whatever Identity's version does.
                if (!result.Succeeded && !result.IsLockedOut && await users.GetAccessFailedCountAsync(user) == failuresBefore)
                {
                    await users.AccessFailedAsync(user);
                    result = await users.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
                }
            }
            else
            {
                // Counts a wrong code towards lockout itself.
                result = await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCodes.NormalizeCode(command.Code), isPersistent: false, rememberClient: false);
            }

            if (result.Succeeded)
            {
                return Outcome.SignedIn;
            }

            return result.IsLockedOut || await users.IsLockedOutAsync(user) ? Outcome.LockedOut : Outcome.Failed;
        }
    }
}
