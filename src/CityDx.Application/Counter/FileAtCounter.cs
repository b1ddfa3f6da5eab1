using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Application.Procedures;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Counter;

/// <summary>
/// 窓口代行申請: staff file an application on a visitor's behalf, at a ward counter (窓口) or from a paper
/// application received by post (郵送). The staff member chooses a procedure that offers that channel,
/// the receiving unit (one of their own), the visitor (an existing account, looked up by email, or
/// name, フリガナ and optional contact), how identity was checked, and answers the procedure's form.
/// Everything is checked as an online submission is — the pinned form version, conditions decided on
/// the server, files by content — and the case is made the same way (receipt number, due date,
/// history, mail), with the counter details in <see cref="CounterReception"/>. The form's submission
/// key makes a double click file once.
/// </summary>
public static class FileAtCounter
{
    public const string VisitorAccount = "account";
    public const string VisitorNoAccount = "none";

    /// <summary>The visitor questions of a filing without an account, as form fields: the same rules and messages as any question.</summary>
    public static readonly FormField VisitorName = new("_visitor_name", FieldType.PersonName, "来庁者(申請者)の氏名", "Visitor's (applicant's) name", MaxLength: 100);
    public static readonly FormField VisitorKana = new("_visitor_kana", FieldType.Furigana, "来庁者の氏名(フリガナ)", "Visitor's name in katakana", MaxLength: 100);
    public static readonly FormField VisitorPhone = new("_visitor_phone", FieldType.Phone, "電話番号", "Phone number", Required: false);
    public static readonly FormField VisitorAddress = new("_visitor_address", FieldType.PostalAddress, "住所", "Address", Required: false);
    public static readonly FormField VisitorEmail = new("_visitor_email", FieldType.Email, "メールアドレス", "Email address", Required: false, MaxLength: 256,
        HintJa: "入力すると受付のお知らせをメールで送ります", HintEn: "If given, we email a confirmation of receipt");

    public static readonly FormDefinition VisitorForm = new([VisitorName, VisitorKana, VisitorPhone, VisitorAddress, VisitorEmail]);

    public sealed record Query(string? ProcedureCode) : IQuery<CounterPage>;

    public sealed record ProcedureChoice(string Code, string NameJa, string NameEn, ChannelSet Channels);

    public sealed record ProcedureForm(string Code, string NameJa, string NameEn, ChannelSet Channels, ProxyPolicy Proxy, FormDefinition Definition);

    /// <summary>The page: the procedures staff can file at the counter or by mail, the staff member's units, and the chosen procedure's form.</summary>
    public sealed record CounterPage(IReadOnlyList<ProcedureChoice> Procedures, IReadOnlyList<GetProcedure.UnitChoice> Units, ProcedureForm? Procedure)
    {
        /// <summary>A procedure was asked for that does not exist, is not published or is filed online only.</summary>
        public bool ProcedureNotFound { get; init; }
    }

    [Audited(Domain.Auditing.AuditActions.CounterFile)]
    public sealed record Command(
        Guid SubmissionKey,
        string ProcedureCode,
        Channel? Channel,
        Guid? UnitId,
        string? Visitor,
        string? AccountEmail,
        IdentityCheck? IdentityCheck,
        string? IdentityNote,
        bool IsProxy,
        IReadOnlyDictionary<string, string?> Answers,
        IReadOnlyList<UploadedFile>? Files = null) : ICommand<Result?>;

    public sealed record Result(Guid CaseId, string ReceiptNumber, bool AlreadyFiled);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.SubmissionKey).NotEmpty().WithMessage(_ => l["Validation.SubmissionKey"]);
            RuleFor(c => c.ProcedureCode).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Answers).NotNull()
                .Must(a => a.Count <= AnswerStep.MaxAnswersPerPage).WithMessage(_ => l["Validation.TooManyAnswers"]);
            RuleFor(c => c.AccountEmail).MaximumLength(256);
        }
    }

    /// <summary>Published procedures with a current form that can be filed at the counter or by mail.</summary>
    private static IQueryable<Procedure> Offered(CityDxDbContext db) =>
        db.Procedures.Where(p => p.IsPublished && p.CurrentFormVersionId != null && (p.Channels & (ChannelSet.Counter | ChannelSet.Mail)) != 0);

    public sealed class QueryHandler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, CounterPage>
    {
        public async ValueTask<CounterPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var procedures = (await Offered(db).AsNoTracking()
                    .Select(p => new ProcedureChoice(p.Code, p.NameJa, p.NameEn, p.Channels)).ToListAsync(cancellationToken))
                .OrderBy(p => p.NameJa, StringComparer.Ordinal).ToList();
            var units = await db.OrganisationUnits.AsNoTracking()
                .Where(u => db.StaffMemberships.Any(m => m.UserId == userId && m.OrganisationUnitId == u.Id))
                .OrderBy(u => u.SortOrder)
                .Select(u => new GetProcedure.UnitChoice(u.Id, u.NameJa, u.NameEn))
                .ToListAsync(cancellationToken);
            if (string.IsNullOrEmpty(query.ProcedureCode))
            {
                return new CounterPage(procedures, units, null);
            }

            var procedure = await Offered(db).AsNoTracking().FirstOrDefaultAsync(p => p.Code == query.ProcedureCode, cancellationToken);
            if (procedure is null)
            {
                return new CounterPage(procedures, units, null) { ProcedureNotFound = true };
            }

            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == procedure.CurrentFormVersionId, cancellationToken);
            return new CounterPage(procedures, units,
                new ProcedureForm(procedure.Code, procedure.NameJa, procedure.NameEn, procedure.Channels, procedure.Proxy, version.Definition));
        }
    }

    public sealed class Handler(
        CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, Notifications notifications,
        IFileStore store, IVirusScanner scanner, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, Result?>
    {
        private const int ReceiptAttempts = 5;

        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var english = user.PrefersEnglish;
            var now = clock.GetUtcNow();
            if (await Existing(userId, command.SubmissionKey, cancellationToken) is { } filed)
            {
                return filed;
            }

            var procedure = await Offered(db).AsNoTracking().FirstOrDefaultAsync(p => p.Code == command.ProcedureCode, cancellationToken);
            if (procedure is null)
            {
                return null;
            }

            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == procedure.CurrentFormVersionId, cancellationToken);
            var answers = command.Answers.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            var errors = CounterReception.Check(procedure.Channels, command.Channel, command.IdentityCheck, command.IdentityNote)
                .Select(p => (p.Input, l[p.Code].Value)).ToList();

            // The receiving unit: one of this staff member's own, from which the case is routed as an online filing would be.
            Guid? caseUnitId = null;
            if (command.UnitId is not { } unitId || !await db.StaffMemberships.AnyAsync(m => m.UserId == userId && m.OrganisationUnitId == unitId, cancellationToken))
            {
                errors.Add(("UnitId", l["Counter.UnitNotYours"].Value));
            }
            else if ((caseUnitId = await db.RouteToAsync(procedure, unitId, cancellationToken)) is null)
            {
                errors.Add(("UnitId", l["Counter.UnitCannotReceive"].Value));
            }

            var (applicantUserId, visitor, visitorEmail) = await VisitorAsync(command, answers, errors, english, cancellationToken);

            // Scanned documents: the same checks as a citizen's uploads; what the browser posted as a file answer is never trusted.
            var proxyForm = Drafts.ProxyForm(procedure.Proxy);
            var posted = command.Files ?? [];
            var (formFiles, fileErrors) = await UploadedFiles.CheckVisibleAsync(version.Definition, version.Definition.Fields, answers, posted, scanner, l, english, cancellationToken);
            errors.AddRange(fileErrors);
            var letters = new List<AcceptedFile>();
            if (command.IsProxy && procedure.Proxy == ProxyPolicy.LetterRequired)
            {
                (letters, fileErrors) = await UploadedFiles.CheckVisibleAsync(proxyForm, [Drafts.ProxyLetter], answers, posted, scanner, l, english, cancellationToken);
                errors.AddRange(fileErrors);
            }

            // 代理申請 as online (the routing was checked above); then the whole form, conditions decided here.
            var (proxy, _, proxyErrors) = await db.CheckApplicantAsync(procedure, caseUnitId, command.IsProxy, answers, l, english, cancellationToken);
            errors.AddRange(proxyErrors.Where(e => e.Item1 != "WardId"));
            var validation = version.Definition.Validate(answers);
            errors.AddRange(validation.Errors.Select(e =>
                (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, version.Definition.FieldOf(e), english))));
            if (errors.Count > 0 || caseUnitId is not { } routedTo)
            {
                // One message an input: a refused file is not also "missing".
                throw errors.DistinctBy(e => e.Item1, StringComparer.Ordinal).ToValidationException();
            }

            var files = formFiles.Concat(letters).ToList();
            var stored = new List<(AcceptedFile File, StoredFile Stored)>();
            foreach (var file in files)
            {
                await using var content = file.File.OpenRead();
                stored.Add((file, await store.SaveAsync(content, cancellationToken)));
            }

            var due = calendar.AddBusinessDays(JapanTime.DateOf(now), procedure.StandardProcessingDays);
            for (var attempt = 1; ; attempt++)
            {
                var @case = Case.Submit(ReceiptNumber.Generate(), procedure.Id, version.Id, applicantUserId, routedTo, command.Channel!.Value,
                    validation.Answers, command.SubmissionKey, due, userId, now, proxy);
                await db.NameApplicantAsync(@case, version.Definition, validation.Answers, visitor, cancellationToken);
                if (procedure is { FeeTiming: FeeTiming.AtFiling, FeeYen: > 0 and var fee })
                {
                    @case.RequireFee(fee);
                }

                db.Cases.Add(@case);
                db.CounterReceptions.Add(CounterReception.Record(@case, procedure.Channels, command.SubmissionKey, userId, command.UnitId!.Value,
                    command.IdentityCheck!.Value, command.IdentityNote, visitor, now));
                foreach (var (file, saved) in stored)
                {
                    db.Attachments.Add(new Attachment(file.Id, @case.Id, file.File.FieldKey, FileContent.SafeName(file.File.FileName, file.Kind),
                        file.Kind.ContentType, saved.Size, saved.Sha256, saved.Key, now));
                }

                try
                {
                    // EF rolls back to a savepoint on failure, so the transaction stays usable.
                    await db.SaveChangesAsync(cancellationToken);
                    if (applicantUserId is not null)
                    {
                        await notifications.ApplicationSubmittedAsync(@case, procedure, cancellationToken);
                    }
                    else if (visitorEmail is not null)
                    {
                        notifications.CounterFilingReceived(@case, procedure, visitorEmail, visitor!.Name);
                    }

                    return new Result(@case.Id, @case.ReceiptNumber, AlreadyFiled: false);
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

        /// <summary>Who the case is for: an existing citizen account (by email), or the visitor's details checked like any answers.</summary>
        private async Task<(string? AccountId, VisitorDetails? Visitor, string? Email)> VisitorAsync(
            Command command, Dictionary<string, string?> answers, List<(string, string)> errors, bool english, CancellationToken cancellationToken)
        {
            switch (command.Visitor)
            {
                case VisitorAccount:
                {
                    var email = command.AccountEmail?.Trim();
                    if (string.IsNullOrEmpty(email))
                    {
                        errors.Add(("AccountEmail", l["Counter.AccountEmailRequired"].Value));
                        return (null, null, null);
                    }

                    var normalized = email.ToUpperInvariant();
                    var citizenRole = await db.Roles.Where(r => r.Name == Roles.Citizen).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
                    var account = await db.Users.AsNoTracking()
                        .Where(u => u.NormalizedEmail == normalized && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == citizenRole))
                        .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
                    if (account is null)
                    {
                        errors.Add(("AccountEmail", l["Counter.AccountNotFound"].Value));
                    }

                    return (account, null, null);
                }

                case VisitorNoAccount:
                {
                    var validation = VisitorForm.Validate(answers);
                    errors.AddRange(validation.Errors.Select(e =>
                        (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, VisitorForm.FieldOf(e), english))));
                    if (!validation.IsValid)
                    {
                        return (null, null, null);
                    }

                    var a = validation.Answers;
                    var key = VisitorAddress.Key;
                    var address = string.Concat(new[] { AddressPart.Prefecture, AddressPart.City, AddressPart.Town }
                        .Select(p => a.GetValueOrDefault(AddressPart.Key(key, p)))) is { Length: > 0 } place
                        ? (place + " " + a.GetValueOrDefault(AddressPart.Key(key, AddressPart.Street))).Trim()
                        : null;
                    var visitor = new VisitorDetails(a[VisitorName.Key], a[VisitorKana.Key], a.GetValueOrDefault(VisitorPhone.Key),
                        a.GetValueOrDefault(AddressPart.Key(key, AddressPart.PostalCode)), address, a.GetValueOrDefault(VisitorEmail.Key));
                    return (null, visitor, visitor.Email);
                }

                default:
                    errors.Add(("Visitor", l["Counter.VisitorRequired"].Value));
                    return (null, null, null);
            }
        }

        private async Task<Result?> Existing(string userId, Guid submissionKey, CancellationToken cancellationToken) =>
            await db.CounterReceptions.AsNoTracking()
                .Where(r => r.SubmissionKey == submissionKey && r.FiledByUserId == userId)
                .Join(db.Cases, r => r.CaseId, c => c.Id, (r, c) => new Result(c.Id, c.ReceiptNumber, true))
                .FirstOrDefaultAsync(cancellationToken);
    }
}
