using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// アカウントの削除: the personal profile goes (email, name, password, phone, sign-in keys), the
/// applications stay, as the law on public records requires: they keep pointing at the emptied
/// account, which can never sign in again. Needs the password, so a borrowed session cannot do it.
/// </summary>
public static class DeleteAccount
{
    public sealed record Command(string Password, bool Confirmed) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => l["Account.PasswordRequired"]).MaximumLength(256);
            RuleFor(c => c.Confirmed).Equal(true).WithMessage(_ => l["DeleteAccount.ConfirmRequired"]);
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ICurrentUser current, CityDxDbContext db, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireUserId()) ?? throw new UnauthorizedAccessException();
            if (!await users.CheckPasswordAsync(user, command.Password))
            {
                throw new[] { (nameof(Command.Password), l["DeleteAccount.WrongPassword"].Value) }.ToValidationException();
            }

            // Applications in progress are personal data with no legal reason to keep: gone with the profile.
            await db.Drafts.Where(d => d.ApplicantUserId == user.Id && d.SubmittedAt == null).ExecuteDeleteAsync(cancellationToken);

            foreach (var login in await users.GetLoginsAsync(user))
            {
                await users.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
            }

            // The authenticator key and the recovery codes (AspNetUserTokens) go with the sign-in keys.
            db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync(cancellationToken));

            var placeholder = $"deleted-{user.Id}@deleted.invalid";
            user.UserName = placeholder;
            user.Email = placeholder;
            user.EmailConfirmed = false;
            user.DisplayName = "";
            user.PhoneNumber = null;
            user.PasswordHash = null;
            user.TwoFactorEnabled = false;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            await users.UpdateNormalizedUserNameAsync(user);
            await users.UpdateNormalizedEmailAsync(user);
            await users.UpdateSecurityStampAsync(user);
            await users.UpdateAsync(user);
            await signIn.SignOutAsync();
            return true;
        }
    }
}
