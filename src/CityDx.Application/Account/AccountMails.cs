using System.Text;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Infrastructure.Identity;
using CityDx.Infrastructure.Mail;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Account;

/// <summary>
/// Mails about the account itself (confirm the address, reset the password), written to the
/// outbox in the account holder's own language with a link built from <see cref="MailOptions.PortalUrl"/>.
/// The link carries a one-time Identity token: it is never logged, only the mail's Kind is.
/// </summary>
public sealed class AccountMails(OutboxWriter outbox, IStringLocalizer<SharedResource> l, MailOptions options)
{
    public const string ConfirmEmailKind = "ConfirmEmail";
    public const string ResetPasswordKind = "ResetPassword";
    public const string ChangeEmailKind = "ChangeEmail";

    public void ConfirmEmail(ApplicationUser user, string token) =>
        Enqueue(user, ConfirmEmailKind, "Mail.ConfirmEmail", Link("/account/confirm-email", user, token));

    public void ResetPassword(ApplicationUser user, string token) =>
        Enqueue(user, ResetPasswordKind, "Mail.ResetPassword", Link("/account/reset-password", user, token));

    /// <summary>Confirms a new address: the mail goes to the new address, so only its owner can complete the change.</summary>
    public void ChangeEmail(ApplicationUser user, string newEmail, string token) =>
        Enqueue(user, ChangeEmailKind, "Mail.ChangeEmail",
            Link("/account/confirm-email-change", user, token) + "&email=" + Uri.EscapeDataString(newEmail), newEmail);

    /// <summary>Identity tokens are not URL-safe: Base64Url of their UTF-8 bytes, decoded again by <see cref="DecodeCode"/>.</summary>
    public static string EncodeCode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token back from a link's code, or null when the code is not even well-formed.</summary>
    public static string? DecodeCode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Link(string path, ApplicationUser user, string token) =>
        $"{options.PortalUrl.TrimEnd('/')}{path}?userId={Uri.EscapeDataString(user.Id)}&code={EncodeCode(token)}";

    private void Enqueue(ApplicationUser user, string kind, string keyPrefix, string url, string? to = null)
    {
        to ??= user.Email;
        if (string.IsNullOrWhiteSpace(to))
        {
            return;
        }

        outbox.Enqueue(to, user.PreferredCulture, kind, caseId: null, _ => (
            l[keyPrefix + ".Subject"].Value,
            l[keyPrefix + ".Body"].Fill(("name", user.DisplayName), ("url", url))));
    }
}
