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
/// 新規登録: a citizen creates an account and is mailed a link to confirm the address (in the
/// language they registered in). They are not signed in: sign-in needs a confirmed address.
/// </summary>
public static class Register
{
    public const int MinPasswordLength = 10;

    public sealed record Command(string Email, string DisplayName, string Password, string ConfirmPassword, string Culture) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage(_ => l["Account.EmailRequired"])
                .MaximumLength(256)
                .EmailAddress().WithMessage(_ => l["Account.EmailInvalid"]);
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage(_ => l["Account.DisplayNameRequired"])
                .MaximumLength(100).WithMessage(_ => l["Account.DisplayNameTooLong"]);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"])
                .MinimumLength(MinPasswordLength).WithMessage(_ => l["Account.PasswordTooShort"])
                .MaximumLength(256);
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage(_ => l["Account.PasswordMismatch"]);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AccountMails mails, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim();
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                DisplayName = command.DisplayName.Trim(),
                PreferredCulture = command.Culture == "en" ? "en" : "ja",
            };
            var created = await users.CreateAsync(user, command.Password);
            if (!created.Succeeded)
            {
                throw created.Errors.Select(e => (Property(e.Code), Message(e.Code))).ToValidationException();
            }

            await users.AddToRoleAsync(user, Roles.Citizen);
            mails.ConfirmEmail(user, await users.GenerateEmailConfirmationTokenAsync(user));
            return true;
        }

        private static string Property(string code) => code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Command.Password) : nameof(Command.Email);

        private string Message(string code) => code switch
        {
            "DuplicateEmail" or "DuplicateUserName" => l["Account.EmailTaken"],
            "InvalidEmail" or "InvalidUserName" => l["Account.EmailInvalid"],
            "PasswordTooShort" => l["Account.PasswordTooShort"],
            _ when code.StartsWith("Password", StringComparison.Ordinal) => l["Account.PasswordWeak"],
            _ => l["Account.RegisterFailed"],
        };
    }
}
