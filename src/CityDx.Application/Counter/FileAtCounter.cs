using CityDx.Application.Applications;
using CityDx.Application.Common;
using CityDx.Application.PostalCodes;
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
        CityDxDbContext db, ICurrentUser user, TimeProvider clock, CaseFiling filings, IFileStore store, IVirusScanner scanner, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Result?>
    {
        /// <summary>What the checks accepted: whom the case is for, where it goes, the answers as normalised and the scanned documents.</summary>
        private sealed record Checked(
            Guid RoutedTo, string? ApplicantUserId, VisitorDetails? Visitor, ProxyDetails? Proxy, IReadOnlyDictionary<string, string> Answers, IReadOnlyList<AcceptedFile> Files);

        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
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
            var accepted = await CheckAsync(command, procedure, version.Definition, userId, cancellationToken);
            var attachments = new List<NewAttachment>();
            foreach (var file in accepted.Files)
            {
                attachments.Add(new NewAttachment(file.Id, file.File.FieldKey, await store.StoreAsync(file, cancellationToken), now));
            }

            var filing = new CheckedFiling(procedure, version, accepted.ApplicantUserId, accepted.RoutedTo, command.Channel!.Value, accepted.Answers,
                command.SubmissionKey, userId, now, accepted.Proxy, accepted.Visitor, attachments);
            var @case = await filings.FileAsync(filing, (made, _) =>
            {
                db.CounterReceptions.Add(CounterReception.Record(made, procedure.Channels, command.SubmissionKey, userId, command.UnitId!.Value,
                    command.IdentityCheck!.Value, command.IdentityNote, accepted.Visitor, now));
                return Task.CompletedTask;
            }, async ct => await Existing(userId, command.SubmissionKey, ct) is not null, cancellationToken);
            return @case is null
                ? await Existing(userId, command.SubmissionKey, cancellationToken)
                : new Result(@case.Id, @case.ReceiptNumber, AlreadyFiled: false);
        }

        /// <summary>
        /// Everything checked as an online submission is, every problem gathered into one
        /// <see cref="ValidationException"/> (one message an input: a refused file is not also "missing").
        /// </summary>
        private async Task<Checked> CheckAsync(Command command, Procedure procedure, FormDefinition definition, string userId, CancellationToken cancellationToken)
        {
            var english = user.PrefersEnglish;
            var answers = command.Answers.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
            var errors = CounterReception.Check(procedure.Channels, command.Channel, command.IdentityCheck, command.IdentityNote)
                .Select(p => (p.Input, l[p.Code].Value)).ToList();
            var routedTo = await ReceivingUnitAsync(command, procedure, userId, errors, cancellationToken);
            var (applicantUserId, visitor) = await VisitorAsync(command, answers, errors, english, cancellationToken);
            var files = await ScannedDocumentsAsync(command, procedure, definition, answers, errors, cancellationToken);

            // 代理申請 as online (the routing was checked above); then the whole form, conditions decided here.
            var (proxy, _, proxyErrors) = await db.CheckApplicantAsync(procedure, routedTo, command.IsProxy, answers, l, english, cancellationToken);
            errors.AddRange(proxyErrors.Where(e => e.Item1 != "WardId"));
            var validation = definition.Validate(answers, await db.AnswerContextAsync(clock, answers, cancellationToken));
            errors.AddRange(validation.Errors.Select(e =>
                (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, definition.FieldOf(e), english))));
            if (errors.Count > 0 || routedTo is not { } unitId)
            {
                throw errors.DistinctBy(e => e.Item1, StringComparer.Ordinal).ToValidationException();
            }

            return new Checked(unitId, applicantUserId, visitor, proxy, validation.Answers, files);
        }

        /// <summary>The receiving unit: one of this staff member's own, from which the case is routed as an online filing would be.</summary>
        private async Task<Guid?> ReceivingUnitAsync(Command command, Procedure procedure, string userId, List<(string, string)> errors, CancellationToken cancellationToken)
        {
            if (command.UnitId is not { } unitId || !await db.StaffMemberships.AnyAsync(m => m.UserId == userId && m.OrganisationUnitId == unitId, cancellationToken))
            {
                errors.Add(("UnitId", l["Counter.UnitNotYours"].Value));
                return null;
            }

            var routedTo = await db.RouteToAsync(procedure, unitId, cancellationToken);
            if (routedTo is null)
            {
                errors.Add(("UnitId", l["Counter.UnitCannotReceive"].Value));
            }

            return routedTo;
        }

        /// <summary>Scanned documents: the same checks as a citizen's uploads; what the browser posted as a file answer is never trusted.</summary>
        private async Task<List<AcceptedFile>> ScannedDocumentsAsync(
            Command command, Procedure procedure, FormDefinition definition, Dictionary<string, string?> answers, List<(string, string)> errors, CancellationToken cancellationToken)
        {
            var english = user.PrefersEnglish;
            var posted = command.Files ?? [];
            var (files, fileErrors) = await UploadedFiles.CheckVisibleAsync(definition, definition.Fields, answers, posted, scanner, l, english, cancellationToken);
            errors.AddRange(fileErrors);
            if (command.IsProxy && procedure.Proxy == ProxyPolicy.LetterRequired)
            {
                var (letters, letterErrors) = await UploadedFiles.CheckVisibleAsync(
                    Drafts.ProxyForm(procedure.Proxy), [Drafts.ProxyLetter], answers, posted, scanner, l, english, cancellationToken);
                errors.AddRange(letterErrors);
                files.AddRange(letters);
            }

            return files;
        }

        /// <summary>Who the case is for: an existing citizen account (by email), or the visitor's details checked like any answers.</summary>
        private async Task<(string? AccountId, VisitorDetails? Visitor)> VisitorAsync(
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
                            return (null, null);
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

                        return (account, null);
                    }

                case VisitorNoAccount:
                    {
                        var validation = VisitorForm.Validate(answers, await db.AnswerContextAsync(clock, answers, cancellationToken));
                        errors.AddRange(validation.Errors.Select(e =>
                            (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, VisitorForm.FieldOf(e), english))));
                        if (!validation.IsValid)
                        {
                            return (null, null);
                        }

                        var a = validation.Answers;
                        var key = VisitorAddress.Key;
                        var address = string.Concat(new[] { AddressPart.Prefecture, AddressPart.City, AddressPart.Town }
                            .Select(p => a.GetValueOrDefault(AddressPart.Key(key, p)))) is { Length: > 0 } place
                            ? (place + " " + a.GetValueOrDefault(AddressPart.Key(key, AddressPart.Street))).Trim()
                            : null;
                        var visitor = new VisitorDetails(a[VisitorName.Key], a[VisitorKana.Key], a.GetValueOrDefault(VisitorPhone.Key),
                            a.GetValueOrDefault(AddressPart.Key(key, AddressPart.PostalCode)), address, a.GetValueOrDefault(VisitorEmail.Key));
                        return (null, visitor);
                    }

                default:
                    errors.Add(("Visitor", l["Counter.VisitorRequired"].Value));
                    return (null, null);
            }
        }

        private async Task<Result?> Existing(string userId, Guid submissionKey, CancellationToken cancellationToken) =>
            await db.CounterReceptions.AsNoTracking()
                .Where(r => r.SubmissionKey == submissionKey && r.FiledByUserId == userId)
                .Join(db.Cases, r => r.CaseId, c => c.Id, (r, c) => new Result(c.Id, c.ReceiptNumber, true))
                .FirstOrDefaultAsync(cancellationToken);
    }
}
