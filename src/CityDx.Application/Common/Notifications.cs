using System.Globalization;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Mail;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Common;

/// <summary>
/// Mails to applicants, written to the outbox in the same transaction as the change they tell
/// about, in the applicant's own language (their account's preference, not the sender's).
/// </summary>
public sealed class Notifications(CityDxDbContext db, IStringLocalizer<SharedResource> l, MailOptions options, OutboxWriter outbox)
{
    public Task ApplicationSubmittedAsync(Case @case, Procedure procedure, CancellationToken cancellationToken) =>
        ToApplicantAsync(@case, "Submitted", (english, name) => (
            Text("Mail.Submitted.Subject", ("receipt", @case.ReceiptNumber)),
            Text("Mail.Submitted.Body",
                ("name", name), ("procedure", procedure.Name(english)), ("receipt", @case.ReceiptNumber),
                ("due", @case.DueDate is { } due ? due.ToString(english ? "d MMMM yyyy" : "yyyy年M月d日", CultureInfo.CurrentCulture) : "-"),
                ("url", $"{options.PortalUrl.TrimEnd('/')}/my/applications/{@case.Id}"))), cancellationToken);

    public Task CaseDecidedAsync(Case @case, CaseWorkflow workflow, Procedure procedure, string? comment, CancellationToken cancellationToken) =>
        ToApplicantAsync(@case, "Decided", (english, name) => (
            Text("Mail.Decided.Subject", ("receipt", @case.ReceiptNumber)),
            Text("Mail.Decided.Body",
                ("name", name), ("procedure", procedure.Name(english)), ("receipt", @case.ReceiptNumber),
                ("status", l[$"Status.Citizen.{Cases.Workflows.CitizenStatus(workflow, @case.Status)}"]), ("comment", string.IsNullOrWhiteSpace(comment) ? "-" : comment),
                ("url", $"{options.PortalUrl.TrimEnd('/')}/my/applications/{@case.Id}"))), cancellationToken);

    /// <summary>補正依頼: the questions to correct and the reason, like a decision's comment, with the link to the correction page.</summary>
    public Task CorrectionRequestedAsync(Case @case, Procedure procedure, IReadOnlyList<(string Ja, string En)> fieldLabels, string reason, CancellationToken cancellationToken) =>
        ToApplicantAsync(@case, "CorrectionRequested", (english, name) => (
            Text("Mail.Correction.Subject", ("receipt", @case.ReceiptNumber)),
            Text("Mail.Correction.Body",
                ("name", name), ("procedure", procedure.Name(english)), ("receipt", @case.ReceiptNumber),
                ("fields", string.Join(english ? ", " : "、", fieldLabels.Select(f => english ? f.En : f.Ja))), ("reason", reason),
                ("url", $"{options.PortalUrl.TrimEnd('/')}/my/applications/{@case.Id}/correction"))), cancellationToken);

    /// <summary>
    /// 窓口代行申請 for a visitor without an account who gave an email address: the receipt, in Japanese
    /// (the portal knows no language preference of theirs), without a link to My applications.
    /// </summary>
    public void CounterFilingReceived(Case @case, Procedure procedure, string email, string name) =>
        outbox.Enqueue(email, "ja", "Submitted", @case.Id, english => (
            Text("Mail.Submitted.Subject", ("receipt", @case.ReceiptNumber)),
            Text("Mail.CounterSubmitted.Body",
                ("name", name), ("procedure", procedure.Name(english)), ("receipt", @case.ReceiptNumber),
                ("due", @case.DueDate is { } due ? due.ToString(english ? "d MMMM yyyy" : "yyyy年M月d日", CultureInfo.CurrentCulture) : "-"))));

    /// <summary>
    /// A message from the office. The mail only says there is one and links to it: the text stays on
    /// the portal, behind sign-in, because mail is not a safe place for what staff and applicants
    /// write about a case (it often carries personal details).
    /// </summary>
    public Task MessageToApplicantAsync(Case @case, Procedure procedure, CancellationToken cancellationToken) =>
        ToApplicantAsync(@case, "Message", (english, name) => (
            Text("Mail.Message.Subject", ("receipt", @case.ReceiptNumber)),
            Text("Mail.Message.Body",
                ("name", name), ("procedure", procedure.Name(english)), ("receipt", @case.ReceiptNumber),
                ("url", $"{options.PortalUrl.TrimEnd('/')}/my/applications/{@case.Id}#messages"))), cancellationToken);

    /// <summary>交付物: a document is ready to download until its expiry date.</summary>
    public Task DocumentIssuedAsync(Case @case, Procedure procedure, DateOnly expiresOn, CancellationToken cancellationToken) =>
        ToApplicantAsync(@case, "DocumentIssued", (english, name) => (
            Text("Mail.Document.Subject", ("receipt", @case.ReceiptNumber)),
            Text("Mail.Document.Body",
                ("name", name), ("procedure", procedure.Name(english)), ("receipt", @case.ReceiptNumber),
                ("expires", expiresOn.ToString(english ? "d MMMM yyyy" : "yyyy年M月d日", CultureInfo.CurrentCulture)),
                ("url", $"{options.PortalUrl.TrimEnd('/')}/my/applications/{@case.Id}#documents"))), cancellationToken);

    /// <summary>
    /// Escalation: the unit's approvers are told a case is overdue by N business days. The mail names
    /// the receipt number and procedure only (no personal data) and links to the case.
    /// </summary>
    public async Task CaseOverdueAsync(Case @case, Procedure procedure, int overdueBusinessDays, CancellationToken cancellationToken)
    {
        var approverRole = await db.Roles.Where(r => r.Name == Roles.Approver).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var approvers = await db.StaffMemberships.AsNoTracking()
            .Where(m => m.OrganisationUnitId == @case.OrganisationUnitId && db.UserRoles.Any(ur => ur.UserId == m.UserId && ur.RoleId == approverRole))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, u.PreferredCulture })
            .ToListAsync(cancellationToken);
        foreach (var approver in approvers.Where(a => a.Email is not null))
        {
            outbox.Enqueue(approver.Email!, approver.PreferredCulture, "Overdue", @case.Id, english => (
                Text("Mail.Overdue.Subject", ("receipt", @case.ReceiptNumber)),
                Text("Mail.Overdue.Body",
                    ("procedure", procedure.Name(english)), ("receipt", @case.ReceiptNumber),
                    ("days", overdueBusinessDays.ToString(CultureInfo.InvariantCulture)),
                    ("due", @case.DueDate is { } due ? due.ToString(english ? "d MMMM yyyy" : "yyyy年M月d日", CultureInfo.CurrentCulture) : "-"),
                    ("url", $"{options.PortalUrl.TrimEnd('/')}/staff/cases/{@case.Id}"))));
        }
    }

    private async Task ToApplicantAsync(Case @case, string kind, Func<bool, string, (string Subject, string Body)> compose, CancellationToken cancellationToken)
    {
        if (@case.ApplicantUserId is null)
        {
            return;
        }

        var applicant = await db.Users.AsNoTracking().Where(u => u.Id == @case.ApplicantUserId)
            .Select(u => new { u.Email, u.DisplayName, u.PreferredCulture }).FirstOrDefaultAsync(cancellationToken);
        if (applicant?.Email is null)
        {
            return;
        }

        outbox.Enqueue(applicant.Email, applicant.PreferredCulture, kind, @case.Id, english => compose(english, applicant.DisplayName));
    }

    private string Text(string key, params (string Name, string Value)[] values) =>
        l[key].Fill([.. values.Select(v => (v.Name, (object?)v.Value))]);
}
