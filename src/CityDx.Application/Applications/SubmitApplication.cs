using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>
/// 申請する: a citizen files an application online. The answers are validated against the
/// procedure's current published form version, and the case is pinned to that version. The same
/// <see cref="Command.SubmissionKey"/> submitted twice (double click, refresh, retried POST)
/// returns the first case instead of making a second one.
/// </summary>
public static class SubmitApplication
{
    public sealed record Command(
        string ProcedureCode,
        Guid? WardId,
        IReadOnlyDictionary<string, string?> Answers,
        Guid SubmissionKey,
        IReadOnlyList<UploadedFile>? Files = null,
        ProxyInput? Proxy = null) : ICommand<Result>;

    /// <summary>代理申請: the filer acts for someone else; the 委任状 comes as a file with key <see cref="ProxyLetterKey"/>.</summary>
    public sealed record ProxyInput(bool IsProxy, string? SubjectName, string? SubjectNameKana, string? Relationship);

    public const string ProxyLetterKey = "_proxy_letter";

    /// <summary>The proxy part of the form, as fields, so the same rules and messages apply.</summary>
    public static readonly FormField ProxySubjectName = new("_subject_name", FieldType.PersonName, "対象者(申請される方)の氏名", "Name of the person you are applying for", MaxLength: 100);
    public static readonly FormField ProxySubjectKana = new("_subject_kana", FieldType.Furigana, "対象者の氏名(フリガナ)", "Their name in katakana", MaxLength: 100);
    public static readonly FormField ProxyRelationship = new("_relationship", FieldType.ShortText, "対象者との関係", "Your relationship to them", MaxLength: 50, HintJa: "例: 母、子、成年後見人", HintEn: "For example: mother, son, guardian");
    public static readonly FormField ProxyLetter = new(ProxyLetterKey, FieldType.FileUpload, "委任状", "Letter of attorney", AllowedFileTypes: ["pdf", "jpeg", "png"], MaxFileSizeBytes: 5 * 1024 * 1024, MaxFiles: 1);

    /// <summary>A file sent with the form for a file-upload question; opened as often as needed.</summary>
    public sealed record UploadedFile(string FieldKey, string FileName, long Length, Func<Stream> OpenRead);

    /// <summary>Largest file a question accepts when it sets no limit of its own.</summary>
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    public sealed record Result(Guid CaseId, string ReceiptNumber, DateOnly? DueDate, bool AlreadySubmitted);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.ProcedureCode).NotEmpty().MaximumLength(64);
            RuleFor(c => c.SubmissionKey).NotEmpty().WithMessage(_ => l["Validation.SubmissionKey"]);
            RuleFor(c => c.Answers).NotNull()
                .Must(a => a.Count <= FormDefinition.MaxFields).WithMessage(_ => l["Validation.TooManyAnswers"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, IFileStore files, Notifications notifications, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Result>
    {
        private const int ReceiptAttempts = 5;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            if (await Existing(userId, command.SubmissionKey, cancellationToken) is { } existing)
            {
                return existing;
            }

            var procedure = await db.Procedures.AsNoTracking()
                .FirstOrDefaultAsync(p => p.Code == command.ProcedureCode && p.IsPublished, cancellationToken);
            if (procedure?.CurrentFormVersionId is not { } versionId || !procedure.Channels.HasFlag(ChannelSet.Online))
            {
                throw new[] { (nameof(Command.ProcedureCode), l["Validation.ProcedureNotFound"].Value) }.ToValidationException();
            }

            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
            var unitId = await RouteTo(procedure, command.WardId, cancellationToken);
            var answers = new Dictionary<string, string?>(command.Answers, StringComparer.Ordinal);
            var (uploads, fileErrors) = await CheckFilesAsync(version.Definition, answers, command.Files ?? [], cancellationToken);
            var (proxy, proxyUploads, proxyErrors) = await CheckProxyAsync(procedure, command, cancellationToken);
            uploads.AddRange(proxyUploads);
            var validation = version.Definition.Validate(answers);

            // Every problem at once, in the order of the page: the ward first, then the questions.
            var errors = new List<(string, string)>();
            if (unitId is null)
            {
                errors.Add((nameof(Command.WardId), l["Validation.WardRequired"].Value));
            }

            errors.AddRange(proxyErrors);
            errors.AddRange(fileErrors);

            errors.AddRange(validation.Errors.Select(e =>
                (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, version.Definition.FieldOf(e), user.PrefersEnglish))));
            if (errors.Count > 0)
            {
                throw errors.OrderBy(e => PagePosition(version.Definition, e.Item1)).ToValidationException();
            }

            var now = clock.GetUtcNow();
            // 標準処理期間 counts business days from the day after filing (JST).
            var due = calendar.AddBusinessDays(JapanTime.DateOf(now), procedure.StandardProcessingDays);
            var stored = new List<(Upload Upload, StoredFile File)>();
            foreach (var upload in uploads)
            {
                await using var content = upload.File.OpenRead();
                stored.Add((upload, await files.SaveAsync(content, cancellationToken)));
            }

            for (var attempt = 1; ; attempt++)
            {
                var @case = Case.Submit(ReceiptNumber.Generate(), procedure.Id, version.Id, userId, unitId!.Value, Channel.Online,
                    validation.Answers, command.SubmissionKey, due, userId, now, proxy);
                if (procedure is { FeeTiming: FeeTiming.AtFiling, FeeYen: > 0 and var fee })
                {
                    @case.RequireFee(fee);
                }
                db.Cases.Add(@case);
                foreach (var (upload, file) in stored)
                {
                    db.Attachments.Add(new Attachment(upload.Id, @case.Id, upload.File.FieldKey, FileContent.SafeName(upload.File.FileName, upload.Kind),
                        upload.Kind.ContentType, file.Size, file.Sha256, file.Key, now));
                }

                try
                {
                    // EF rolls back to a savepoint on failure, so the transaction stays usable.
                    await db.SaveChangesAsync(cancellationToken);
                    await notifications.ApplicationSubmittedAsync(@case, procedure, cancellationToken);
                    return new Result(@case.Id, @case.ReceiptNumber, due, AlreadySubmitted: false);
                }
                catch (DbUpdateException ex) when (ex.IsUniqueViolation())
                {
                    db.ChangeTracker.Clear();
                    if (await Existing(userId, command.SubmissionKey, cancellationToken) is { } raced)
                    {
                        return raced;
                    }

                    if (attempt == ReceiptAttempts)
                    {
                        throw;
                    }
                }
            }
        }

        private sealed record Upload(Guid Id, UploadedFile File, FileContent.Kind Kind);

        /// <summary>Where an error's input stands on the page: the ward, the proxy section, then the questions in order (stable sort).</summary>
        private static int PagePosition(FormDefinition definition, string property)
        {
            if (property == nameof(Command.WardId))
            {
                return -2;
            }

            if (property.StartsWith("Answers[_", StringComparison.Ordinal) || property.StartsWith("Proxy.", StringComparison.Ordinal))
            {
                return -1;
            }

            var key = property.StartsWith("Answers[", StringComparison.Ordinal) ? property["Answers[".Length..].TrimEnd(']') : property;
            var dot = key.IndexOfAny(['.', '[']);
            var baseKey = dot < 0 ? key : key[..dot];
            for (var i = 0; i < definition.Fields.Count; i++)
            {
                if (definition.Fields[i].Key == baseKey)
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        /// <summary>
        /// Checks the proxy section with the same field rules as any question: the person's name and
        /// reading, the relationship, and the 委任状 when the procedure requires one.
        /// </summary>
        private async Task<(ProxyDetails? Proxy, List<Upload> Uploads, List<(string, string)> Errors)> CheckProxyAsync(
            Procedure procedure, Command command, CancellationToken cancellationToken)
        {
            if (command.Proxy is not { IsProxy: true } input)
            {
                return (null, [], []);
            }

            if (procedure.Proxy == ProxyPolicy.NotAllowed)
            {
                return (null, [], [("Proxy.IsProxy", l["Proxy.NotAllowed"].Value)]);
            }

            var letterRequired = procedure.Proxy == ProxyPolicy.LetterRequired;
            var form = new FormDefinition([ProxySubjectName, ProxySubjectKana, ProxyRelationship, ProxyLetter with { Required = letterRequired }]);
            var answers = new Dictionary<string, string?>
            {
                [ProxySubjectName.Key] = input.SubjectName,
                [ProxySubjectKana.Key] = input.SubjectNameKana,
                [ProxyRelationship.Key] = input.Relationship,
            };
            var (uploads, errors) = await CheckFilesAsync(form, answers, command.Files ?? [], cancellationToken);
            var validation = form.Validate(answers);
            errors.AddRange(validation.Errors.Select(e =>
                (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, form.FieldOf(e), user.PrefersEnglish))));
            return errors.Count > 0
                ? (null, [], errors)
                : (new ProxyDetails(validation.Answers[ProxySubjectName.Key], validation.Answers[ProxySubjectKana.Key], validation.Answers[ProxyRelationship.Key]), uploads, []);
        }

        /// <summary>
        /// Checks each visible file question's files by content (magic bytes), size and count, and
        /// puts the ids the attachments will have into the answers. What the browser posted as the
        /// answer of a file question is never trusted: it is replaced here.
        /// </summary>
        private async Task<(List<Upload> Uploads, List<(string, string)> Errors)> CheckFilesAsync(
            FormDefinition definition, Dictionary<string, string?> answers, IReadOnlyList<UploadedFile> posted, CancellationToken cancellationToken)
        {
            var uploads = new List<Upload>();
            var errors = new List<(string, string)>();
            foreach (var field in definition.Fields.Where(f => f.Type == FieldType.FileUpload))
            {
                answers[field.Key] = null;
                if (!definition.IsVisible(field, answers))
                {
                    continue;
                }

                var property = LocalizationExtensions.AnswerProperty(field.Key);
                var ids = new List<Guid>();
                foreach (var file in posted.Where(f => f.FieldKey == field.Key && f.Length > 0))
                {
                    var max = field.MaxFileSizeBytes ?? DefaultMaxFileBytes;
                    if (file.Length > max)
                    {
                        errors.Add((property, l["Form.FileTooLarge"].Value.Replace("{label}", field.Label(user.PrefersEnglish), StringComparison.Ordinal)
                            .Replace("{max}", (max / (1024 * 1024)).ToString(System.Globalization.CultureInfo.CurrentCulture), StringComparison.Ordinal)));
                        continue;
                    }

                    var header = new byte[FileContent.HeaderLength];
                    await using (var stream = file.OpenRead())
                    {
                        await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
                    }

                    var kind = FileContent.Detect(header);
                    if (kind is null || !field.AllowedFileTypeList.Contains(kind.Type, StringComparer.OrdinalIgnoreCase))
                    {
                        errors.Add((property, l["Form.FileType"].Value.Replace("{label}", field.Label(user.PrefersEnglish), StringComparison.Ordinal)
                            .Replace("{types}", string.Join(", ", field.AllowedFileTypeList.Select(t => t.ToUpperInvariant())), StringComparison.Ordinal)));
                        continue;
                    }

                    var id = Guid.CreateVersion7();
                    ids.Add(id);
                    uploads.Add(new Upload(id, file, kind));
                }

                answers[field.Key] = ids.Count == 0 ? null : string.Join('\n', ids);
            }

            return (uploads, errors);
        }

        private async Task<Result?> Existing(string userId, Guid submissionKey, CancellationToken cancellationToken) =>
            await db.Cases.AsNoTracking()
                .Where(c => c.ApplicantUserId == userId && c.SubmissionKey == submissionKey)
                .Select(c => new Result(c.Id, c.ReceiptNumber, c.DueDate, true))
                .FirstOrDefaultAsync(cancellationToken);

        /// <summary>The unit the case goes to; null when the applicant had to choose a ward and did not.</summary>
        private async Task<Guid?> RouteTo(Procedure procedure, Guid? wardId, CancellationToken cancellationToken)
        {
            switch (procedure.Routing)
            {
                case Routing.ChosenWard:
                    return wardId is null ? null : await db.OrganisationUnits.AsNoTracking()
                        .Where(u => u.Id == wardId && u.Kind == OrganisationUnitKind.WardOffice)
                        .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
                case Routing.CentralProcessingCentre:
                    return await db.OrganisationUnits.AsNoTracking()
                        .Where(u => u.Kind == OrganisationUnitKind.CentralProcessingCentre)
                        .Select(u => u.Id).FirstAsync(cancellationToken);
                default:
                    return procedure.OwningUnitId;
            }
        }
    }
}
