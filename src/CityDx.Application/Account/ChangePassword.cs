using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>パスワードの変更: needs the current password; other sessions end (new security stamp).</summary>
public static class ChangePassword
{
    public sealed record Command(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage(_ => l["Settings.CurrentPasswordRequired"]).MaximumLength(256);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"])
                .MinimumLength(Register.MinPasswordLength).WithMessage(_ => l["Account.PasswordTooShort"]).MaximumLength(256);
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage(_ => l["Account.PasswordMismatch"]);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ICurrentUser current, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireUserId()) ?? throw new UnauthorizedAccessException();
            var result = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (!result.Succeeded)
            {
                throw result.Errors.Select(e => e.Code == "PasswordMismatch"
                        ? (nameof(Command.CurrentPassword), l["Settings.CurrentPasswordWrong"].Value)
                        : (nameof(Command.NewPassword), l[e.Code == "PasswordTooShort" ? "Account.PasswordTooShort" : "Account.PasswordWeak"].Value))
                    .ToValidationException();
            }

            await signIn.RefreshSignInAsync(user);
            return true;
        }
    }
}
