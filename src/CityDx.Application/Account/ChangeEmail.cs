using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// メールアドレスの変更: asks for the password, then mails a confirmation link to the NEW address;
/// the address changes only when that link is opened (<see cref="ConfirmEmailChange"/>). The answer
/// is the same whether or not the new address is already someone's.
/// </summary>
public static class ChangeEmail
{
    public sealed record Command(string NewEmail, string CurrentPassword) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.NewEmail).NotEmpty().WithMessage(_ => l["Account.EmailRequired"])
                .MaximumLength(256).EmailAddress().WithMessage(_ => l["Account.EmailInvalid"]);
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage(_ => l["Settings.CurrentPasswordRequired"]).MaximumLength(256);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AccountMails mails, ICurrentUser current, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireUserId()) ?? throw new UnauthorizedAccessException();
            if (!await users.CheckPasswordAsync(user, command.CurrentPassword))
            {
                throw new[] { (nameof(Command.CurrentPassword), l["Settings.CurrentPasswordWrong"].Value) }.ToValidationException();
            }

            var newEmail = command.NewEmail.Trim();
            if (await users.FindByEmailAsync(newEmail) is null)
            {
                mails.ChangeEmail(user, newEmail, await users.GenerateChangeEmailTokenAsync(user, newEmail));
            }

            return true;
        }
    }
}

/// <summary>Completes an email change from the link mailed to the new address.</summary>
public static class ConfirmEmailChange
{
    public sealed record Command(string UserId, string NewEmail, string Code) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty().MaximumLength(450);
            RuleFor(c => c.NewEmail).NotEmpty().MaximumLength(256);
            RuleFor(c => c.Code).NotEmpty().MaximumLength(2000);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(command.UserId);
            var token = AccountMails.DecodeCode(command.Code);
            if (user is null || token is null)
            {
                return false;
            }

            var changed = await users.ChangeEmailAsync(user, command.NewEmail, token);
            if (!changed.Succeeded)
            {
                return false;
            }

            // The address is also the sign-in name.
            return (await users.SetUserNameAsync(user, command.NewEmail)).Succeeded;
        }
    }
}
