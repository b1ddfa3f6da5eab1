using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.PostalCodes;
using CityDx.Application.Resources;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>
/// 補正して再提出: the applicant sends corrected answers for exactly the questions staff named.
/// Posted answers for any other question are ignored; the new values are merged into the answers
/// as filed and the whole pinned form version is validated again (files by content). The previous
/// and new answers are kept as an append-only revision, review resumes and the due date moves on
/// by the business days the case waited. Null when the application is not theirs.
/// </summary>
public static class ResubmitCorrection
{
    public sealed record Command(Guid CaseId, IReadOnlyDictionary<string, string?> Answers, IReadOnlyList<UploadedFile> Files, int ExpectedVersion)
        : ICommand<string?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Answers).NotNull()
                .Must(a => a.Count <= FormDefinition.MaxFields * 4).WithMessage(_ => l["Validation.TooManyAnswers"]);
            RuleFor(c => c.Files).NotNull().Must(f => f.Count <= 50).WithMessage(_ => l["Validation.TooManyAnswers"]);
        }
    }

    /// <summary>Whether an answer key is (part of) the answer to <paramref name="field"/>: its own key, a part ("addr.city") or a row cell ("kids[0].name").</summary>
    public static bool BelongsTo(string key, FormField field) =>
        key == field.Key
        || key.StartsWith(field.Key + ".", StringComparison.Ordinal)
        || key.StartsWith(field.Key + "[", StringComparison.Ordinal);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, IFileStore files, IStringLocalizer<SharedResource> l, IVirusScanner scanner)
        : ICommandHandler<Command, string?>
    {
        public async ValueTask<string?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.OwnedBy(userId).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            @case.ExpectVersion(command.ExpectedVersion, l, "Correction.Conflict");

            if (@case.Status != CaseStatus.AwaitingCorrection)
            {
                throw new[] { ("", l["Correction.NotOpen"].Value) }.ToValidationException();
            }

            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == @case.FormVersionId, cancellationToken);
            var definition = version.Definition;
            var open = @case.CorrectionFields.ToHashSet(StringComparer.Ordinal);
            var editable = definition.Fields.Where(f => open.Contains(f.Key)).ToList();

            // The answers as filed, with the open questions' answers replaced by what was posted for them.
            var merged = @case.Answers
                .Where(a => !editable.Any(f => BelongsTo(a.Key, f)))
                .ToDictionary(a => a.Key, a => (string?)a.Value, StringComparer.Ordinal);
            foreach (var (key, value) in command.Answers)
            {
                if (editable.Any(f => f.Type != FieldType.FileUpload && BelongsTo(key, f)))
                {
                    merged[key] = value;
                }
            }

            var (uploads, errors) = await UploadedFiles.CheckVisibleAsync(definition, editable, merged, command.Files, scanner, l, user.PrefersEnglish, cancellationToken);
            var validation = definition.Validate(merged, await db.AnswerContextAsync(clock, merged, cancellationToken));
            errors.AddRange(validation.Errors.Select(e =>
                (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, definition.FieldOf(e), user.PrefersEnglish))));
            if (errors.Count > 0)
            {
                throw errors.ToValidationException();
            }

            var now = clock.GetUtcNow();
            foreach (var upload in uploads)
            {
                db.Attachments.Add(new Attachment(upload.Id, @case.Id, upload.File.FieldKey, await files.StoreAsync(upload, cancellationToken), now));
            }

            var workflow = await db.WorkflowOfAsync(@case.ProcedureId, cancellationToken);
            db.AnswerRevisions.Add(Workflows.Run(() => @case.Resubmit(workflow, validation.Answers, userId, calendar, now), l, "", "Correction.NotOpen"));
            return @case.Status;
        }
    }
}
