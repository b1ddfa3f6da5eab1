using CityDx.Domain;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Common;

/// <summary>Where 受付番号 come from: random (<see cref="ReceiptNumber.Generate()"/>); a test forces a collision through it.</summary>
public interface IReceiptNumbers
{
    string Next();
}

public sealed class RandomReceiptNumbers : IReceiptNumbers
{
    public string Next() => ReceiptNumber.Generate();
}

/// <summary>A file that becomes one of the new case's attachments (its id kept from the upload).</summary>
public sealed record NewAttachment(Guid Id, string FieldKey, FileMetadata File, DateTimeOffset UploadedAt);

/// <summary>An application checked and ready to become a case, from whichever channel.</summary>
public sealed record CheckedFiling(
    Procedure Procedure,
    FormVersion Version,
    string? ApplicantUserId,
    Guid UnitId,
    Channel Channel,
    IReadOnlyDictionary<string, string> Answers,
    Guid SubmissionKey,
    string ActorUserId,
    DateTimeOffset At,
    ProxyDetails? Proxy,
    VisitorDetails? Visitor,
    IReadOnlyList<NewAttachment> Attachments);

/// <summary>
/// The one submission path of online, counter and mail filings: the case with a receipt number,
/// the due date from the business calendar, the fee due at filing, its attachments, its history
/// entry (<see cref="Case.Submit"/>) and the mail to the applicant — retried with a fresh receipt
/// number when one collides, and given up in favour of the case another request made first with
/// the same submission key.
/// </summary>
public sealed class CaseFiling(CityDxDbContext db, BusinessCalendar calendar, Notifications notifications, IReceiptNumbers receiptNumbers)
{
    public const int ReceiptAttempts = 5;

    /// <summary>
    /// Makes the case. <paramref name="alongside"/> adds what the channel keeps beside it (run again
    /// on every attempt, as the change tracker is cleared between them); <paramref name="alreadyFiled"/>
    /// says whether a racing request with the same submission key won. Returns null in that case.
    /// </summary>
    public async Task<Case?> FileAsync(
        CheckedFiling filing, Func<Case, CancellationToken, Task> alongside, Func<CancellationToken, Task<bool>> alreadyFiled, CancellationToken cancellationToken)
    {
        var procedure = filing.Procedure;
        var due = calendar.AddBusinessDays(JapanTime.DateOf(filing.At), procedure.StandardProcessingDays);
        for (var attempt = 1; ; attempt++)
        {
            var @case = Case.Submit(receiptNumbers.Next(), procedure.Id, filing.Version.Id, filing.ApplicantUserId, filing.UnitId, filing.Channel,
                filing.Answers, filing.SubmissionKey, due, filing.ActorUserId, filing.At, filing.Proxy);
            await db.NameApplicantAsync(@case, filing.Version.Definition, filing.Answers, filing.Visitor, cancellationToken);
            if (procedure is { FeeTiming: FeeTiming.AtFiling, FeeYen: > 0 and var fee })
            {
                @case.RequireFee(fee);
            }

            db.Cases.Add(@case);
            foreach (var file in filing.Attachments)
            {
                db.Attachments.Add(new Attachment(file.Id, @case.Id, file.FieldKey, file.File, file.UploadedAt));
            }

            await alongside(@case, cancellationToken);
            try
            {
                // Saved here rather than by the transaction behaviour: a colliding receipt number must be
                // caught to retry. EF rolls back to a savepoint on failure, so the transaction stays usable.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                if (await alreadyFiled(cancellationToken))
                {
                    return null;
                }

                if (attempt == ReceiptAttempts)
                {
                    throw;
                }

                continue;
            }

            await NotifyAsync(@case, filing, cancellationToken);
            return @case;
        }
    }

    /// <summary>The usual confirmation to an account; a receipt without a My-applications link to a visitor who gave an email.</summary>
    private async Task NotifyAsync(Case @case, CheckedFiling filing, CancellationToken cancellationToken)
    {
        if (filing.ApplicantUserId is not null)
        {
            await notifications.ApplicationSubmittedAsync(@case, filing.Procedure, cancellationToken);
        }
        else if (filing.Visitor is { Email: { } email, Name: var name })
        {
            notifications.CounterFilingReceived(@case, filing.Procedure, email, name);
        }
    }
}
