using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CityDx.Infrastructure.Mail;

/// <summary>Configuration section "Mail".</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>"Pickup" (default: .eml files in <see cref="PickupFolder"/>) or "Smtp".</summary>
    [RegularExpression("(?i)^(Pickup|Smtp)$", ErrorMessage = "Mail:Mode must be Pickup or Smtp.")]
    public string Mode { get; set; } = "Pickup";

    [Required(ErrorMessage = "Mail:PickupFolder must be set.")]
    public string PickupFolder { get; set; } = "App_Data/mail";
    [Required(ErrorMessage = "Mail:FromAddress must be set."), EmailAddress(ErrorMessage = "Mail:FromAddress must be an email address.")]
    public string FromAddress { get; set; } = "no-reply@citydx.example.jp";
    public string FromName { get; set; } = "大阪市 オンライン申請";
    public string SmtpHost { get; set; } = "localhost";
    [Range(1, 65535, ErrorMessage = "Mail:SmtpPort must be between {1} and {2}.")]
    public int SmtpPort { get; set; } = 25;
    public bool SmtpUseTls { get; set; }
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>The portal's public address, for links in mails.</summary>
    [Required(ErrorMessage = "Mail:PortalUrl must be set."), Url(ErrorMessage = "Mail:PortalUrl must be an absolute http(s) address.")]
    public string PortalUrl { get; set; } = "http://localhost:5080";

    /// <summary>How often the outbox is delivered, in seconds.</summary>
    [Range(1, 86400, ErrorMessage = "Mail:DeliverEverySeconds must be between {1} and {2}.")]
    public int DeliverEverySeconds { get; set; } = 10;

    /// <summary>
    /// Attempts before a mail is given up (with the back-off of 1 min, 5 min, 15 min, 1 h, then 6 h,
    /// the default 10 tries for about a day and a half). A given-up mail keeps no address or body.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Mail:MaxAttempts must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 10;
}

/// <summary>Sends one message. SMTP in production, a pickup folder in development: a provider choice, hence the interface.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Real SMTP through MailKit.</summary>
public sealed class SmtpMailSender(MailOptions options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        client.Timeout = 30_000;
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpUseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Writes each message as an .eml file (development default: open them in any mail client).</summary>
public sealed class PickupFolderMailSender(string folder) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, cancellationToken);
    }
}
