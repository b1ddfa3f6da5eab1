using System.ComponentModel.DataAnnotations;
using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>Configuration section "IssuedDocuments".</summary>
public sealed class IssuedDocumentOptions
{
    public const string Section = "IssuedDocuments";

    /// <summary>Days (from the day of issue, JST) the applicant can download a document when staff set no date.</summary>
    [Range(1, 3650, ErrorMessage = "IssuedDocuments:DefaultValidDays must be between {1} and {2}.")]
    public int DefaultValidDays { get; set; } = 90;

    /// <summary>Largest document staff can upload.</summary>
    [Range(1L, 1L << 30, ErrorMessage = "IssuedDocuments:MaxBytes must be between {1} and {2}.")]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>
/// 交付物: staff of the case's unit upload a document (PDF, checked by its content) for an approved
/// case, downloadable by the applicant until its expiry date (default: <see cref="IssuedDocumentOptions.DefaultValidDays"/>
/// days). The applicant is mailed that it is ready. Null (404) for a case of another unit.
/// </summary>
public static class IssueDocument
{
    public sealed record Command(Guid CaseId, UploadedFile? File, DateOnly? ExpiresOn) : ICommand<Guid?>, IAuditedCaseRequest { public string AuditAction => Domain.Auditing.AuditActions.CaseIssueDocument; }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, IssuedDocumentOptions options)
        {
            RuleFor(c => c.File).NotNull().WithMessage(_ => l["Document.FileRequired"]);
            RuleFor(c => c.File!.Length).GreaterThan(0).WithMessage(_ => l["Document.FileRequired"])
                .LessThanOrEqualTo(options.MaxBytes)
                .WithMessage(_ => l["Document.TooLarge"].Fill(("max", (options.MaxBytes / (1024 * 1024)).ToString(System.Globalization.CultureInfo.CurrentCulture))))
                .When(c => c.File is not null).OverridePropertyName(nameof(Command.File));
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IFileStore files, Notifications notifications, IssuedDocumentOptions options, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Guid?>
    {
        public async ValueTask<Guid?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.VisibleToStaff(userId).AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            if (!IssuedDocument.CanIssueFor(await db.WorkflowOfAsync(@case.ProcedureId, cancellationToken), @case.Status))
            {
                throw new[] { (nameof(Command.File), l["Document.NotApproved"].Value) }.ToValidationException();
            }

            var now = clock.GetUtcNow();
            var today = JapanTime.DateOf(now);
            var expiresOn = command.ExpiresOn ?? today.AddDays(options.DefaultValidDays);
            if (expiresOn < today)
            {
                throw new[] { (nameof(Command.ExpiresOn), l["Document.ExpiryInPast"].Value) }.ToValidationException();
            }

            var file = command.File!;
            if (await UploadedFiles.DetectAsync(file.OpenRead, cancellationToken) != FileContent.Pdf)
            {
                throw new[] { (nameof(Command.File), l["Document.PdfOnly"].Value) }.ToValidationException();
            }

            var stored = await files.StoreAsync(file.OpenRead, file.FileName, FileContent.Pdf, cancellationToken);
            var document = new IssuedDocument(Guid.CreateVersion7(now), @case.Id, stored, expiresOn, userId, now);
            db.IssuedDocuments.Add(document);
            var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == @case.ProcedureId, cancellationToken);
            await notifications.DocumentIssuedAsync(@case, procedure, expiresOn, cancellationToken);
            return document.Id;
        }
    }
}
