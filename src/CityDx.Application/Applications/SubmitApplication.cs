using CityDx.Application.Common;
using CityDx.Application.PostalCodes;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Attachments;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>
/// 申請する: the citizen sends the application from the check-answers page. The whole application
/// is checked again against the form version the draft is pinned to, the case is made with a
/// receipt number, its history entry, its attachments and the confirmation mail in one transaction,
/// and the draft forgets its answers. The draft's id is the submission key: a double click, a
/// refresh or a retried POST finds the case already made instead of making a second one.
/// </summary>
public static class SubmitApplication
{
    public sealed record Command(Guid DraftId) : ICommand<Result?>;

    public sealed record Result(Guid CaseId, string ReceiptNumber, DateOnly? DueDate, bool AlreadySubmitted);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.DraftId).NotEmpty().WithMessage(_ => l["Validation.SubmissionKey"]);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, CaseFiling filings, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var now = clock.GetUtcNow();
            var draft = await db.Drafts.FindAsync([command.DraftId], cancellationToken) is { } found && found.ApplicantUserId == userId ? found : null;
            if (draft is null)
            {
                return null;
            }

            if (draft.IsSubmitted)
            {
                return await Existing(userId, draft.Id, cancellationToken);
            }

            if (draft.IsExpired(now))
            {
                return null;
            }

            var (procedure, version) = await db.ProcedureAndFormOfAsync(draft, cancellationToken);
            if (!procedure.IsPublished || !procedure.Channels.HasFlag(ChannelSet.Online))
            {
                throw new[] { ("DraftId", l["Validation.ProcedureNotFound"].Value) }.ToValidationException();
            }

            var raw = draft.Answers.AsNullable();
            if (new FilingPages(procedure, version.Definition, raw).FirstIncomplete(draft.CompletedSteps) is not null)
            {
                throw new[] { ("DraftId", l["Draft.Incomplete"].Value) }.ToValidationException();
            }

            // Everything again, as at each page: nothing the browser kept is trusted.
            var unitId = await db.RouteToAsync(procedure, draft.WardId, cancellationToken);
            var (proxy, proxyAnswers, errors) = await db.CheckApplicantAsync(procedure, draft.WardId, draft.IsProxy, raw, l, user.PrefersEnglish, cancellationToken);
            var validation = version.Definition.Validate(raw, await db.AnswerContextAsync(clock, raw, cancellationToken));
            errors.AddRange(validation.Errors.Select(e =>
                (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, version.Definition.FieldOf(e), user.PrefersEnglish))));
            if (errors.Count > 0 || unitId is null)
            {
                throw errors.ToValidationException();
            }

            // The files the answers refer to (and the 委任状): they become the case's attachments.
            var fileIds = validation.Answers.Values.Concat(proxyAnswers?.Answers.Values ?? [])
                .SelectMany(v => v.Split('\n')).Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).ToHashSet();
            var files = await db.DraftFiles.AsNoTracking().Where(f => f.DraftId == draft.Id).ToListAsync(cancellationToken);
            var attachments = files.Where(f => fileIds.Contains(f.Id)).Select(f => new NewAttachment(f.Id, f.FieldKey, f.File, f.UploadedAt)).ToList();
            var filing = new CheckedFiling(procedure, version, userId, unitId.Value, Channel.Online, validation.Answers, draft.Id, userId, now, proxy, null, attachments);
            var @case = await filings.FileAsync(filing, async (made, ct) =>
            {
                // A retry starts from a fresh copy of the draft (the change tracker was cleared).
                if (db.Entry(draft).State == EntityState.Detached)
                {
                    draft = await db.Drafts.SingleAsync(d => d.Id == command.DraftId, ct);
                }

                // The files now belong to the case (same stored bytes); the draft forgets its answers.
                draft.MarkSubmitted(made.Id, now);
                db.DraftFiles.RemoveRange(files);
            }, async ct => await Existing(userId, command.DraftId, ct) is not null, cancellationToken);
            return @case is null
                ? await Existing(userId, command.DraftId, cancellationToken)
                : new Result(@case.Id, @case.ReceiptNumber, @case.DueDate, AlreadySubmitted: false);
        }

        private async Task<Result?> Existing(string userId, Guid submissionKey, CancellationToken cancellationToken) =>
            await db.Cases.AsNoTracking()
                .Where(c => c.ApplicantUserId == userId && c.SubmissionKey == submissionKey)
                .Select(c => new Result(c.Id, c.ReceiptNumber, c.DueDate, true))
                .FirstOrDefaultAsync(cancellationToken);
    }
}
