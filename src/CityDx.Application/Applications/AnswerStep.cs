using CityDx.Application.Common;
using CityDx.Application.PostalCodes;
using CityDx.Application.Procedures;
using CityDx.Application.Resources;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Files;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CityDx.Application.Applications;

/// <summary>
/// One page of an online filing (one question group): the query shows it with what was saved
/// before; the command checks this page's answers against the pinned form version and saves them
/// on the server, so leaving, refreshing or going back loses nothing already saved. It answers
/// where to go next: the next page, or 確認 (check your answers).
/// </summary>
public static class AnswerStep
{
    public const int MaxAnswersPerPage = 2000;

    public sealed record Query(Guid DraftId, string PageKey) : IQuery<StepPage?>;

    public sealed record SavedFile(Guid Id, string FieldKey, string FileName, long Size);

    public sealed record StepPage(
        Guid DraftId,
        string ProcedureCode,
        string ProcedureNameJa,
        string ProcedureNameEn,
        string PageKey,
        int Number,
        int PageCount,
        FormStep? Step,
        IReadOnlyList<FormField> AllFields,
        IReadOnlyList<GetProcedure.UnitChoice> Wards,
        ProxyPolicy Proxy,
        Guid? WardId,
        bool IsProxy,
        IReadOnlyDictionary<string, string?> Answers,
        IReadOnlyList<SavedFile> Files,
        string? PreviousPage,
        bool AllComplete,
        DateTimeOffset ExpiresAt)
    {
        /// <summary>False when the page is not part of the flow for the answers saved (e.g. a condition now hides it).</summary>
        public bool InFlow => Number > 0;

        /// <summary>Where to send someone who asked for a page outside the flow.</summary>
        public string? RedirectTo { get; init; }

        /// <summary>
        /// Questions on this page shown or hidden by an answer on an earlier page: decided here from the
        /// saved answers (the browser's script only sees this page's answers). True: shown.
        /// </summary>
        public IReadOnlyDictionary<string, bool> DecidedByEarlierPages { get; init; } = new Dictionary<string, bool>();
    }

    public sealed record Command(
        Guid DraftId,
        string PageKey,
        IReadOnlyDictionary<string, string?> Answers,
        IReadOnlyList<UploadedFile>? Files = null,
        IReadOnlyList<string>? RemoveFiles = null,
        Guid? WardId = null,
        bool IsProxy = false,
        bool ReturnToCheck = false) : ICommand<Saved?>;

    /// <summary>Saved; the next page's key, or null for check your answers.</summary>
    public sealed record Saved(string? NextPage);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.PageKey).NotEmpty().MaximumLength(64);
            RuleFor(c => c.Answers).NotNull()
                .Must(a => a.Count <= MaxAnswersPerPage).WithMessage(_ => l["Validation.TooManyAnswers"]);
        }
    }

    public sealed class QueryHandler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, StepPage?>
    {
        public async ValueTask<StepPage?> Handle(Query query, CancellationToken cancellationToken)
        {
            var draft = await db.OpenDraftsOf(user.RequireUserId(), clock.GetUtcNow()).AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.DraftId, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == draft.ProcedureId, cancellationToken);
            var definition = (await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == draft.FormVersionId, cancellationToken)).Definition;
            var answers = draft.Answers.AsNullable();
            var pages = new FilingPages(procedure, definition, answers);
            var page = pages.Find(query.PageKey);
            var completed = draft.CompletedSteps;
            var wards = page is { IsApplicantPage: true } && procedure.Routing == Routing.ChosenWard
                ? await db.OrganisationUnits.AsNoTracking()
                    .Where(u => u.Kind == OrganisationUnitKind.WardOffice)
                    .OrderBy(u => u.SortOrder)
                    .Select(u => new GetProcedure.UnitChoice(u.Id, u.NameJa, u.NameEn))
                    .ToListAsync(cancellationToken)
                : [];
            var files = await db.DraftFiles.AsNoTracking().Where(f => f.DraftId == draft.Id).OrderBy(f => f.UploadedAt)
                .Select(f => new SavedFile(f.Id, f.FieldKey, f.File.FileName, f.File.Size)).ToListAsync(cancellationToken);
            return new StepPage(
                draft.Id, procedure.Code, procedure.NameJa, procedure.NameEn, query.PageKey, pages.Number(query.PageKey), pages.Pages.Count,
                page?.Step, definition.Fields, wards, procedure.Proxy, draft.WardId, draft.IsProxy, answers,
                files.Where(f => answers.GetValueOrDefault(f.FieldKey)?.Contains(f.Id.ToString(), StringComparison.Ordinal) == true).ToList(),
                pages.Previous(query.PageKey)?.Key, pages.FirstIncomplete(completed) is null, draft.ExpiresAt)
            {
                RedirectTo = page is null ? pages.FirstIncomplete(completed)?.Key : null,
                DecidedByEarlierPages = page?.Step is { } step
                    ? (step.Fields ?? []).Where(f => f.ShowWhen is { } rule && (step.Fields ?? []).All(other => other.Key != rule.FieldKey))
                        .ToDictionary(f => f.Key, f => definition.IsVisible(f, answers), StringComparer.Ordinal)
                    : new Dictionary<string, bool>(),
            };
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IFileStore store, IVirusScanner scanner, IOptions<DraftOptions> options, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Saved?>
    {
        public async ValueTask<Saved?> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var draft = await db.FindOpenDraftAsync(command.DraftId, user.RequireUserId(), now, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            var (procedure, version) = await db.ProcedureAndFormOfAsync(draft, cancellationToken);
            var definition = version.Definition;

            // The answers of this page over those saved: conditions on this page may depend on earlier pages.
            var saved = draft.Answers;
            var page = new FilingPages(procedure, definition, saved.AsNullable()).Find(command.PageKey);
            if (page is null)
            {
                throw new[] { ("PageKey", l["Draft.PageNotInFlow"].Value) }.ToValidationException();
            }

            Func<string, bool> owns = page.IsApplicantPage ? Drafts.ApplicantPageOwnsKey : key => FormDefinition.StepOwnsKey(page.Step!, key);
            var answers = saved.Where(a => !owns(a.Key)).ToDictionary(a => a.Key, a => (string?)a.Value, StringComparer.Ordinal);
            foreach (var (key, value) in command.Answers.Where(a => owns(a.Key)))
            {
                answers[key] = value;
            }

            var fileFields = page.IsApplicantPage
                ? (command.IsProxy && procedure.Proxy == ProxyPolicy.LetterRequired ? [Drafts.ProxyLetter] : [])
                : (page.Step!.Fields ?? []).Where(f => f.Type == FieldType.FileUpload).ToList();
            var (accepted, errors) = await UploadedFiles.CheckAsync(fileFields, command.Files ?? [], scanner, l, user.PrefersEnglish, cancellationToken);
            foreach (var field in fileFields)
            {
                // A new upload replaces the question's earlier files; "remove" clears them; otherwise they stay.
                answers[field.Key] = accepted.TryGetValue(field.Key, out var files)
                    ? string.Join('\n', files.Select(f => f.Id))
                    : command.RemoveFiles?.Contains(field.Key) == true ? null : saved.GetValueOrDefault(field.Key);
            }

            List<(string, string)> pageErrors;
            if (page.IsApplicantPage)
            {
                (_, _, pageErrors) = await db.CheckApplicantAsync(procedure, command.WardId, command.IsProxy, answers, l, user.PrefersEnglish, cancellationToken);
            }
            else
            {
                var validation = definition.ValidateStep(page.Step!, answers, await db.AnswerContextAsync(clock, answers, cancellationToken));
                pageErrors = [.. validation.Errors.Select(e => (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, definition.FieldOf(e), user.PrefersEnglish)))];
            }

            errors.AddRange(pageErrors);
            if (errors.Count > 0)
            {
                throw errors.ToValidationException();
            }

            foreach (var file in accepted.Values.SelectMany(f => f))
            {
                db.DraftFiles.Add(new DraftFile(file.Id, draft.Id, file.File.FieldKey, await store.StoreAsync(file, cancellationToken), now));
            }

            if (page.IsApplicantPage)
            {
                draft.SetApplicant(procedure.Routing == Routing.ChosenWard ? command.WardId : null, command.IsProxy);
            }

            // Only this page's answers are stored, as typed; normalisation happens when the whole application is checked at submission.
            var stepAnswers = answers.Where(a => owns(a.Key) && !string.IsNullOrEmpty(a.Value)
                    && (!page.IsApplicantPage || command.IsProxy))
                .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
            draft.SaveStep(page.Key, owns, stepAnswers, now, options.Value.Lifetime);
            try
            {
                // Saved here rather than by the transaction behaviour: a lost race on the draft gets the
                // draft's own message, not a case's.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException(l["Draft.Conflict"]);
            }

            var after = new FilingPages(procedure, definition, draft.Answers.AsNullable());
            return new Saved(after.Next(page.Key, draft.CompletedSteps, command.ReturnToCheck)?.Key);
        }
    }
}
