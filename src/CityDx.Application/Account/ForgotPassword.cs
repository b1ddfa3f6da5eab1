using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// パスワードを忘れた方: mails a link to set a new password. The caller always gets the same answer
/// ("if an account exists, we have sent a mail"): only the account holder's mailbox learns more.
/// </summary>
public static class ForgotPassword
{
    public sealed record Command(string Email) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage(_ => l["Account.EmailRequired"])
                .MaximumLength(256)
                .EmailAddress().WithMessage(_ => l["Account.EmailInvalid"]);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AccountMails mails) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // Unconfirmed accounts get the mail too: following its link proves the mailbox, and the
            // reset then confirms the address (see ResetPassword).
            var user = await users.FindByEmailAsync(command.Email.Trim());
            if (user is not null)
            {
                mails.ResetPassword(user, await users.GeneratePasswordResetTokenAsync(user));
            }

            return Unit.Value;
        }
    }
}
