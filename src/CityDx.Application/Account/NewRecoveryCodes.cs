using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// リカバリーコードの再発行: ten new codes, shown once; the old ones stop working. Needs a current
/// code from the app, so a borrowed session cannot collect a way in.
/// </summary>
public static class NewRecoveryCodes
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

    public sealed class Handler(UserManager<ApplicationUser> users, ICurrentUser current, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireUserId()) ?? throw new UnauthorizedAccessException();
            if (!await users.GetTwoFactorEnabledAsync(user)
                || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.NormalizeCode(command.Code)))
            {
                throw new[] { (nameof(Command.Code), l["TwoFactor.CodeWrong"].Value) }.ToValidationException();
            }

            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount)
                ?? throw new InvalidOperationException("No recovery codes.");
            return codes.ToList();
        }
    }
}
