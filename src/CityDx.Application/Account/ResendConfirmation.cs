using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// 確認メールの再送: a new confirmation mail for an account still waiting for one. The caller always
/// gets the same answer, whether the address has an account, is already confirmed or is unknown,
/// so the page tells nobody which addresses are registered.
/// </summary>
public static class ResendConfirmation
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
            var user = await users.FindByEmailAsync(command.Email.Trim());
            if (user is not null && !user.EmailConfirmed)
            {
                mails.ConfirmEmail(user, await users.GenerateEmailConfirmationTokenAsync(user));
            }

            return Unit.Value;
        }
    }
}
