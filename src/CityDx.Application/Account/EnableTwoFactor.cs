using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// 二段階認証を有効にする: a code from the authenticator app proves the key was set up; then
/// sign-in asks for a code, and ten recovery codes are issued, shown to the person this once.
/// </summary>
public static class EnableTwoFactor
{
    public sealed record Command(string Code) : ICommand<IReadOnlyList<string>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage(_ => l["TwoFactor.CodeRequired"])
                .Must(c => TwoFactorCodes.IsAuthenticatorCode(TwoFactorCodes.NormalizeCode(c))).WithMessage(_ => l["TwoFactor.CodeFormat"]);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ICurrentUser current, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireUserId()) ?? throw new UnauthorizedAccessException();
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                throw new[] { (nameof(Command.Code), l["TwoFactor.AlreadyEnabled"].Value) }.ToValidationException();
            }

            var code = TwoFactorCodes.NormalizeCode(command.Code);
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                throw new[] { (nameof(Command.Code), l["TwoFactor.CodeWrong"].Value) }.ToValidationException();
            }

            await users.SetTwoFactorEnabledAsync(user, true);
            var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount)
                ?? throw new InvalidOperationException("No recovery codes.");

            // Turning it on changes the security stamp: other sessions end, this one goes on.
            await signIn.RefreshSignInAsync(user);
            return recoveryCodes.ToList();
        }
    }
}
