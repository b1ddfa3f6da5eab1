using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>パスワードの再設定: the link from the mail and a new password (Identity's rules: at least 10 characters).</summary>
public static class ResetPassword
{
    public sealed record Command(string UserId, string Code, string Password, string ConfirmPassword) : ICommand<Outcome>;

    public enum Outcome
    {
        Reset = 1,

        /// <summary>Unknown user, tampered or expired code: nothing was changed.</summary>
        InvalidLink = 2,
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.UserId).MaximumLength(450);
            RuleFor(c => c.Code).MaximumLength(4000);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"])
                .MinimumLength(Register.MinPasswordLength).WithMessage(_ => l["Account.PasswordTooShort"])
                .MaximumLength(256);
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage(_ => l["Account.PasswordMismatch"]);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(command.UserId) || AccountMails.DecodeCode(command.Code) is not { Length: > 0 } token)
            {
                return Outcome.InvalidLink;
            }

            var user = await users.FindByIdAsync(command.UserId);
            if (user is null)
            {
                return Outcome.InvalidLink;
            }

            // Identity checks the token before it touches the password: a bad code changes nothing.
            var result = await users.ResetPasswordAsync(user, token, command.Password);
            if (!result.Succeeded)
            {
                if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                {
                    return Outcome.InvalidLink;
                }

                throw result.Errors.Select(e => (nameof(Command.Password), e.Code == "PasswordTooShort" ? l["Account.PasswordTooShort"].Value : l["Account.PasswordWeak"].Value))
                    .ToValidationException();
            }

            // Whoever holds the link holds the mailbox: a reset also ends a lockout (the failed
            // attempts may well have been the owner's own) and starts the failure count afresh, and
            // it confirms an address that was never confirmed.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }

            return Outcome.Reset;
        }
    }
}
