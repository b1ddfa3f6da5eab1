using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace CityDx.Application.Account;

/// <summary>メールアドレスの確認: the link from the registration mail confirms the address.</summary>
public static class ConfirmEmail
{
    public sealed record Command(string UserId, string Code) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            // A link cut short or edited by hand is simply "not valid": the handler answers false.
            RuleFor(c => c.UserId).MaximumLength(450);
            RuleFor(c => c.Code).MaximumLength(4000);
        }
    }

    /// <summary>True when the address is now confirmed; false for an unknown user or a wrong or expired code.</summary>
    public sealed class Handler(UserManager<ApplicationUser> users) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(command.UserId) || AccountMails.DecodeCode(command.Code) is not { Length: > 0 } token)
            {
                return false;
            }

            var user = await users.FindByIdAsync(command.UserId);
            if (user is null)
            {
                return false;
            }

            if (user.EmailConfirmed)
            {
                // Opening the link twice (or a mail scanner having opened it first) is not an error.
                return true;
            }

            return (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }
    }
}
