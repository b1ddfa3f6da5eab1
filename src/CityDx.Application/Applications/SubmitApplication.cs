using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
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
        Guid SubmissionKey) : ICommand<Result>;

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

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, IStringLocalizer<SharedResource> l)
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
            var validation = version.Definition.Validate(command.Answers);

            // Every problem at once, in the order of the page: the ward first, then the questions.
            var errors = new List<(string, string)>();
            if (unitId is null)
            {
                errors.Add((nameof(Command.WardId), l["Validation.WardRequired"].Value));
            }

            errors.AddRange(validation.Errors.Select(e =>
                (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, version.Definition.FieldOf(e), user.PrefersEnglish))));
            if (errors.Count > 0)
            {
                throw errors.ToValidationException();
            }

            var now = clock.GetUtcNow();
            // 標準処理期間 counts business days from the day after filing (JST).
            var due = calendar.AddBusinessDays(JapanTime.DateOf(now), procedure.StandardProcessingDays);
            for (var attempt = 1; ; attempt++)
            {
                var @case = Case.Submit(ReceiptNumber.Generate(), procedure.Id, version.Id, userId, unitId!.Value, Channel.Online,
                    validation.Answers, command.SubmissionKey, due, userId, now);
                db.Cases.Add(@case);
                try
                {
                    // EF rolls back to a savepoint on failure, so the transaction stays usable.
                    await db.SaveChangesAsync(cancellationToken);
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
