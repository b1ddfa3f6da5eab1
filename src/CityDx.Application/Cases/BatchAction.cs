using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Auditing;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>
/// 一括処理: one action on many cases — chosen in the queue, or all matching a filter up to
/// <see cref="QueueOptions.BatchLimit"/>. Each case is checked on its own by the same rules as a
/// single action (workflow, roles, separation of duties, comment); the result lists every case with
/// success or the reason it was refused. A refused case is left exactly as it was; the accepted
/// ones are saved together in the command's transaction (a concurrent change to any of them makes
/// the whole batch a conflict to retry, never half a case).
/// </summary>
public static class BatchAction
{
    /// <summary>Batch-only actions besides the workflow's own.</summary>
    public const string Claim = "Claim";
    public const string Assign = "Assign";

    /// <summary>書類の提出依頼: a correction request naming the case's document (file) questions.</summary>
    public const string RequestDocuments = "RequestDocuments";

    public const int MaxCommentLength = TakeAction.MaxCommentLength;

    public sealed record Command(IReadOnlyList<Guid> CaseIds, ListQueue.Filter? AllMatching, string? Action, string? Comment, string? AssigneeUserId) : ICommand<Result>;

    public sealed record Line(Guid CaseId, string ReceiptNumber, bool Succeeded, string? Reason);

    public sealed record Result(IReadOnlyList<Line> Lines)
    {
        public int Succeeded => Lines.Count(l => l.Succeeded);
        public int Failed => Lines.Count(l => !l.Succeeded);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, QueueOptions options)
        {
            RuleFor(c => c.Action).Must(a => CaseWorkflow.IsValidCode(a) && a is not (CaseAction.Resubmit or CaseAction.Withdraw or CaseAction.RequestCorrection))
                .WithMessage(_ => l["Validation.UnknownAction"]);
            RuleFor(c => c.CaseIds).NotEmpty().When(c => c.AllMatching is null).WithMessage(_ => l["Batch.NothingSelected"]);
            RuleFor(c => c.CaseIds.Count).LessThanOrEqualTo(options.BatchLimit).OverridePropertyName(nameof(Command.CaseIds))
                .WithMessage(_ => Limit(l, options));
            RuleFor(c => c.AllMatching!).SetValidator(new ListQueue.FilterValidator(l)).When(c => c.AllMatching is not null);
            RuleFor(c => c.AssigneeUserId).NotEmpty().When(c => c.Action == Assign).WithMessage(_ => l["Assign.NotColleague"]);
            RuleFor(c => c.Comment).NotEmpty().When(c => c.Action == RequestDocuments).WithMessage(_ => l["Correction.ReasonRequired"]);
            RuleFor(c => c.Comment).MaximumLength(MaxCommentLength)
                .WithMessage(_ => l["Validation.CommentTooLong"].Fill(("max", MaxCommentLength.ToString(CultureInfo.CurrentCulture))));
        }
    }

    private static string Limit(IStringLocalizer<SharedResource> l, QueueOptions options) =>
        l["Batch.TooMany"].Fill(("max", options.BatchLimit.ToString("N0", CultureInfo.CurrentCulture)));

    public sealed class Handler(
        CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, QueueOptions options,
        Notifications notifications, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, Result>
    {
        /// <summary>What every case of the batch is checked against: loaded once, not per case.</summary>
        private sealed record Batch(
            Command Command, string UserId, DateTimeOffset Now, CaseActor Actor, QueueWorkflows Workflows,
            IReadOnlyDictionary<Guid, Procedure> Procedures, IReadOnlyList<Guid> AssigneeUnits, RoleHolders Holders, Dictionary<Guid, FormDefinition> Definitions);

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var now = clock.GetUtcNow();
            var workflows = await QueueWorkflows.LoadAsync(db, cancellationToken);
            var ids = await ChosenIdsAsync(command, userId, now, workflows, cancellationToken);
            var cases = await CasesAsync(command, userId, ids, cancellationToken);
            var procedures = await db.Procedures.AsNoTracking().Where(p => cases.Values.Select(c => c.ProcedureId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var assigneeUnits = command.Action == Assign
                ? await db.StaffMemberships.AsNoTracking().Where(m => m.UserId == command.AssigneeUserId).Select(m => m.OrganisationUnitId).ToListAsync(cancellationToken)
                : [];
            var holders = await RoleHolders.OfUnitsAsync(db, cases.Values.Select(c => c.OrganisationUnitId), cancellationToken);
            var batch = new Batch(command, userId, now, user.StaffActor(), workflows, procedures, assigneeUnits, holders, []);
            var lines = new List<Line>(ids.Count);
            foreach (var id in ids)
            {
                lines.Add(cases.TryGetValue(id, out var @case)
                    ? await ApplyAsync(batch, @case, cancellationToken)
                    // Unknown, or another unit's: the same answer for both, like a single case (404).
                    : new Line(id, "", false, l["Batch.NotFound"]));
            }

            // One audit row per case, with its outcome, committed with the changes.
            foreach (var line in lines)
            {
                db.AuditLog.Add(new AuditEntry(now, userId, AuditActions.CaseBatch, line.Succeeded ? AuditOutcome.Ok : cases.ContainsKey(line.CaseId) ? AuditOutcome.Denied : AuditOutcome.NotFound,
                    line.CaseId, line.ReceiptNumber.Length > 0 ? line.ReceiptNumber : null, command.Action));
            }

            return new Result(lines);
        }

        /// <summary>The cases chosen in the queue, or all matching the filter (more than the limit is refused as a whole).</summary>
        private async Task<List<Guid>> ChosenIdsAsync(Command command, string userId, DateTimeOffset now, QueueWorkflows workflows, CancellationToken cancellationToken)
        {
            if (command.AllMatching is not { } filter)
            {
                return [.. command.CaseIds.Distinct()];
            }

            var ids = await db.VisibleToStaff(userId).AsNoTracking().Apply(filter, userId, workflows, JapanTime.DateOf(now), calendar, options)
                .OrderBy(c => c.SubmittedAt).Select(c => c.Id).Take(options.BatchLimit + 1).ToListAsync(cancellationToken);
            if (ids.Count > options.BatchLimit)
            {
                throw new[] { (nameof(Command.AllMatching), Limit(l, options)) }.ToValidationException();
            }

            return ids;
        }

        /// <summary>The chosen cases this person may see, tracked for the change.</summary>
        private async Task<Dictionary<Guid, Case>> CasesAsync(Command command, string userId, List<Guid> ids, CancellationToken cancellationToken)
        {
            // Claiming and assigning only append a history line; the workflow's actions read the
            // history (separation of duties), so only they load it — a batch of claims read every
            // earlier line of 1,000 cases, growing with each claim (docs/performance.md).
            var chosen = db.VisibleToStaff(userId).Where(c => ids.Contains(c.Id));
            if (command.Action is not (Claim or Assign))
            {
                chosen = chosen.Include(c => c.History).AsSplitQuery();
            }

            return await chosen.ToDictionaryAsync(c => c.Id, cancellationToken);
        }

        /// <summary>The action on one case, by the same rules as on its own; a refusal is a line with its reason.</summary>
        private async Task<Line> ApplyAsync(Batch batch, Case @case, CancellationToken cancellationToken)
        {
            var command = batch.Command;
            var workflow = batch.Workflows.ByProcedure.GetValueOrDefault(@case.ProcedureId) ?? CaseWorkflow.Default;
            try
            {
                var wasDecided = @case.DecidedAt is not null;
                switch (command.Action)
                {
                    case Claim:
                        @case.Assign(batch.UserId, batch.UserId, batch.Now);
                        break;
                    case Assign:
                        if (!batch.AssigneeUnits.Contains(@case.OrganisationUnitId))
                        {
                            throw new DomainRuleException("Assign.NotColleague", "Not a member of the case's unit.");
                        }

                        @case.Assign(command.AssigneeUserId, batch.UserId, batch.Now);
                        break;
                    case RequestDocuments:
                        await RequestDocumentsAsync(batch, @case, workflow, cancellationToken);
                        break;
                    default:
                        batch.Holders.EnsureNextStepHeld(workflow, @case, command.Action!, batch.Actor);
                        @case.Apply(workflow, command.Action!, batch.Actor, command.Comment, batch.Now, calendar);
                        if (!wasDecided && @case.DecidedAt is not null)
                        {
                            await notifications.CaseDecidedAsync(@case, workflow, batch.Procedures[@case.ProcedureId], command.Comment, cancellationToken);
                        }

                        break;
                }

                return new Line(@case.Id, @case.ReceiptNumber, true, null);
            }
            catch (DomainRuleException ex)
            {
                // The domain checks before it changes anything: a refused case is untouched.
                return new Line(@case.Id, @case.ReceiptNumber, false, l[ex.Code]);
            }
        }

        /// <summary>書類の提出依頼: a correction request naming the case's document questions (refused when its form asks for none).</summary>
        private async Task RequestDocumentsAsync(Batch batch, Case @case, CaseWorkflow workflow, CancellationToken cancellationToken)
        {
            var definition = batch.Definitions.TryGetValue(@case.FormVersionId, out var d) ? d
                : batch.Definitions[@case.FormVersionId] = (await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == @case.FormVersionId, cancellationToken)).Definition;
            var documentFields = RequestCorrection.CorrectableFields(definition, @case.Answers).Where(f => f.Type == FieldType.FileUpload).ToList();
            if (documentFields.Count == 0)
            {
                throw new DomainRuleException("Batch.NoDocumentQuestion", "The form asks for no document.");
            }

            @case.RequestCorrection(workflow, [.. documentFields.Select(f => f.Key)], batch.Actor, batch.Command.Comment, batch.Now, calendar);
            await notifications.CorrectionRequestedAsync(@case, batch.Procedures[@case.ProcedureId], [.. documentFields.Select(f => (f.LabelJa, f.LabelEn))],
                batch.Command.Comment!.Trim(), cancellationToken);
        }
    }
}
