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
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage(_ => l["Account.EmailRequired"]).MaximumLength(256);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"]).MaximumLength(256);
        }
    }

    public sealed class Handler(SignInManager<ApplicationUser> signIn) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var result = await signIn.PasswordSignInAsync(command.Email.Trim(), command.Password, isPersistent: false, lockoutOnFailure: true);
            return result.Succeeded ? Outcome.SignedIn : result.IsLockedOut ? Outcome.LockedOut : Outcome.Failed;
        }
    }
}
