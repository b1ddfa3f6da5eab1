using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// 外部サービスで新規登録: the provider did not vouch for an email address, so the person gives
/// one; the account is created without a password, linked to the provider's subject, and a mail
/// confirms the address before the first sign-in (as with <see cref="Register"/>).
/// </summary>
public static class ExternalRegister
{
    public sealed record Command(string Email, string DisplayName) : ICommand<Outcome>;

    public enum Outcome
    {
        /// <summary>Created and linked; a confirmation mail is on its way.</summary>
        MailSent = 1,

        /// <summary>The provider's answer is gone (5 minutes): start again from the sign-in page.</summary>
        Expired = 2,
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage(_ => l["Account.EmailRequired"])
                .MaximumLength(256)
                .EmailAddress().WithMessage(_ => l["Account.EmailInvalid"]);
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage(_ => l["Account.DisplayNameRequired"])
                .MaximumLength(100).WithMessage(_ => l["Account.DisplayNameTooLong"]);
        }
    }

    public sealed class Handler(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, AccountMails mails, ICurrentUser current, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null)
            {
                return Outcome.Expired;
            }

            var email = command.Email.Trim();
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                DisplayName = command.DisplayName.Trim(),
                PreferredCulture = current.PrefersEnglish ? "en" : "ja",
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw created.Errors.Select(e => (nameof(Command.Email), e.Code is "DuplicateEmail" or "DuplicateUserName"
                    ? l["Account.EmailTaken"].Value
                    : l["Account.EmailInvalid"].Value)).Distinct().ToValidationException();
            }

            await users.AddToRoleAsync(user, Roles.Citizen);
            ExternalSignIn.Require(await users.AddLoginAsync(user, info));
            mails.ConfirmEmail(user, await users.GenerateEmailConfirmationTokenAsync(user));
            await signIn.SignOutAsync(); // the provider's answer has been used
            return Outcome.MailSent;
        }
    }
}
