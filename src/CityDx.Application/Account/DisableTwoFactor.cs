using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// 二段階認証を無効にする: needs a current code from the app or the password, so a borrowed
/// session cannot do it. The key and the recovery codes go; turning it on again starts afresh.
/// </summary>
public static class DisableTwoFactor
{
    /// <summary>Either <paramref name="Code"/> or <paramref name="Password"/>; the code is tried first.</summary>
    public sealed record Command(string Code, string Password) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Code).NotEmpty().When(c => string.IsNullOrEmpty(c.Password))
                .WithMessage(_ => l["TwoFactor.CodeOrPasswordRequired"]);
            RuleFor(c => c.Code).MaximumLength(32);
            RuleFor(c => c.Password).MaximumLength(256);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ICurrentUser current, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireUserId()) ?? throw new UnauthorizedAccessException();
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                return true;
            }

            var code = TwoFactorCodes.NormalizeCode(command.Code);
            var proven = code.Length > 0
                ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
                : await users.CheckPasswordAsync(user, command.Password);
            if (!proven)
            {
                throw new[] { code.Length > 0
                    ? (nameof(Command.Code), l["TwoFactor.CodeWrong"].Value)
                    : (nameof(Command.Password), l["Settings.CurrentPasswordWrong"].Value) }.ToValidationException();
            }

            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0); // the old recovery codes stop working
            await signIn.RefreshSignInAsync(user);
            return true;
        }
    }
}
