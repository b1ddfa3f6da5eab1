using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>ログイン: email and password; repeated failures lock the account for a while.</summary>
public static class SignIn
{
    public sealed record Command(string Email, string Password) : ICommand<Outcome>;

    public enum Outcome
    {
        SignedIn = 1,
        Failed = 2,
        LockedOut = 3,

        /// <summary>The right password, but the address is not confirmed yet: offer to resend the mail.</summary>
        EmailNotConfirmed = 4,

        /// <summary>The right password on an account with two-factor authentication: ask for the code next (<see cref="SignInWithCode"/>).</summary>
        RequiresTwoFactor = 5,
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage(_ => l["Account.EmailRequired"]).MaximumLength(256);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"]).MaximumLength(256);
        }
    }

    public sealed class Handler(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim();
            var result = await signIn.PasswordSignInAsync(email, command.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Outcome.SignedIn;
            }

            if (result.RequiresTwoFactor)
            {
                return Outcome.RequiresTwoFactor;
            }

            if (result.IsLockedOut)
            {
                return Outcome.LockedOut;
            }

            if (!result.IsNotAllowed)
            {
                return Outcome.Failed;
            }

            // Identity says "not allowed" (unconfirmed address) before it even checks the password.
            // Say "not confirmed" only to whoever knows the password, so the message reveals nothing
            // about which addresses have accounts; a wrong password still counts towards lockout.
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                return Outcome.Failed;
            }

            if (await users.IsLockedOutAsync(user))
            {
                return Outcome.LockedOut;
            }

            if (await users.CheckPasswordAsync(user, command.Password))
            {
                return Outcome.EmailNotConfirmed;
            }

            await users.AccessFailedAsync(user);
            return Outcome.Failed;
        }
    }
}
