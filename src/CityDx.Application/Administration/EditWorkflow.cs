using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Administration;

/// <summary>
/// 業務フローの設定: an admin configures a procedure's workflow without code — the approval step
/// (決裁) on or off, the escalation rule, states of their own (with whether the SLA clock runs and
/// whether they end the case) and the actions between states with the role allowed each. Every
/// edit is checked as a whole before it is saved (<see cref="CaseWorkflow.Problems"/>), and a
/// state that still holds cases cannot be removed.
/// </summary>
public static class EditWorkflow
{
    public sealed record Query(string ProcedureCode) : IQuery<View?>;

    public sealed record StateLine(WorkflowState State, int OpenCases);

    public sealed record View(string ProcedureCode, string NameJa, string NameEn, bool RequiresApproval, int? EscalateWhenOverdueDays,
        IReadOnlyList<StateLine> States, IReadOnlyList<WorkflowTransition> Transitions)
    {
        public int RetentionYears { get; init; }

        /// <summary>A fee due at filing must be paid before review (the payment gate).</summary>
        public bool PaymentBeforeReview { get; init; } = true;
    }

    /// <summary>The approval step and the escalation rule.</summary>
    /// <param name="PaymentBeforeReview">支払確認後に審査 (null: unchanged).</param>
    public sealed record SetOptions(string ProcedureCode, bool RequiresApproval, int? EscalateWhenOverdueDays, bool? PaymentBeforeReview = null) : ICommand<bool>, IAuditedChange
    {
        public string AuditAction => Domain.Auditing.AuditActions.WorkflowChange;

        public string AuditDetail => $"{ProcedureCode} SetOptions";
    }

    public sealed record AddState(string ProcedureCode, string? Code, string? NameJa, string? NameEn, bool ClockRuns, bool Terminal, Outcome Outcome) : ICommand<bool>, IAuditedChange
    {
        public string AuditAction => Domain.Auditing.AuditActions.WorkflowChange;

        public string AuditDetail => $"{ProcedureCode} AddState";
    }

    public sealed record RemoveState(string ProcedureCode, string Code) : ICommand<bool>, IAuditedChange
    {
        public string AuditAction => Domain.Auditing.AuditActions.WorkflowChange;

        public string AuditDetail => $"{ProcedureCode} RemoveState";
    }

    public sealed record AddTransition(string ProcedureCode, string? From, string? Action, string? NameJa, string? NameEn, string? To, string? Role, bool CommentRequired) : ICommand<bool>, IAuditedChange
    {
        public string AuditAction => Domain.Auditing.AuditActions.WorkflowChange;

        public string AuditDetail => $"{ProcedureCode} AddTransition";
    }

    public sealed record RemoveTransition(string ProcedureCode, string From, string Action, string Role) : ICommand<bool>, IAuditedChange
    {
        public string AuditAction => Domain.Auditing.AuditActions.WorkflowChange;

        public string AuditDetail => $"{ProcedureCode} RemoveTransition";
    }

    public sealed class SetOptionsValidator : AbstractValidator<SetOptions>
    {
        public SetOptionsValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.EscalateWhenOverdueDays).InclusiveBetween(1, 365).WithMessage(_ => l["Workflow.EscalationRange"]);
    }

    public sealed class AddStateValidator : AbstractValidator<AddState>
    {
        public AddStateValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Code).Must(CaseWorkflow.IsValidCode).WithMessage(_ => l["Workflow.BadCode"]);
            RuleFor(c => c.NameJa).NotEmpty().MaximumLength(40).WithMessage(_ => l["Workflow.StateNeedsNames"]);
            RuleFor(c => c.NameEn).NotEmpty().MaximumLength(60).WithMessage(_ => l["Workflow.StateNeedsNames"]);
            RuleFor(c => c.Outcome).IsInEnum().WithMessage(_ => l["Workflow.TerminalNeedsOutcome"]);
        }
    }

    public sealed class AddTransitionValidator : AbstractValidator<AddTransition>
    {
        public AddTransitionValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.From).NotEmpty().WithMessage(_ => l["Workflow.UnknownState"]);
            RuleFor(c => c.To).NotEmpty().WithMessage(_ => l["Workflow.UnknownState"]);
            RuleFor(c => c.Action).Must(CaseWorkflow.IsValidCode).WithMessage(_ => l["Workflow.BadCode"]);
            RuleFor(c => c.Role).Must(r => r is not null && WorkflowRole.All.Contains(r)).WithMessage(_ => l["Workflow.UnknownRole"]);
            RuleFor(c => c.NameJa).MaximumLength(40).WithMessage(_ => l["Workflow.ActionNeedsNames"]);
            RuleFor(c => c.NameEn).MaximumLength(60).WithMessage(_ => l["Workflow.ActionNeedsNames"]);
        }
    }

    public sealed class QueryHandler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
            var p = await db.Procedures.AsNoTracking().ManageableBy(scope).FirstOrDefaultAsync(x => x.Code == query.ProcedureCode, cancellationToken);
            if (p is null)
            {
                return null;
            }

            var workflow = p.Workflow;
            var inUse = await CountsAsync(db, p.Id, cancellationToken);
            return new View(p.Code, p.NameJa, p.NameEn, workflow.RequiresApproval, workflow.EscalateWhenOverdueDays,
                [.. workflow.States.Select(s => new StateLine(s, inUse.GetValueOrDefault(s.Code)))], workflow.Transitions)
            {
                RetentionYears = p.RetentionYears,
                PaymentBeforeReview = workflow.PaymentBeforeReview,
            };
        }
    }

    /// <summary>Cases per state of a procedure (counts only: an admin configures, but does not read cases).</summary>
    private static async Task<Dictionary<string, int>> CountsAsync(CityDxDbContext db, Guid procedureId, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking().Where(c => c.ProcedureId == procedureId).GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l)
        : ICommandHandler<SetOptions, bool>, ICommandHandler<AddState, bool>, ICommandHandler<RemoveState, bool>,
          ICommandHandler<AddTransition, bool>, ICommandHandler<RemoveTransition, bool>
    {
        public ValueTask<bool> Handle(SetOptions command, CancellationToken cancellationToken) =>
            ChangeAsync(command.ProcedureCode, w => w.WithApproval(command.RequiresApproval).WithEscalation(command.EscalateWhenOverdueDays)
                .WithPaymentBeforeReview(command.PaymentBeforeReview ?? w.PaymentBeforeReview), nameof(SetOptions.RequiresApproval), cancellationToken);

        public ValueTask<bool> Handle(AddState command, CancellationToken cancellationToken) =>
            ChangeAsync(command.ProcedureCode, w =>
            {
                if (w.State(command.Code!) is not null)
                {
                    throw new DomainRuleException("Workflow.DuplicateState", command.Code!);
                }

                // A new state starts unreachable; it is saved as soon as it is joined by actions (see AddTransition).
                return w.WithState(new WorkflowState(command.Code!, command.ClockRuns, command.Terminal, command.Terminal ? command.Outcome : command.Outcome,
                    command.NameJa!.Trim(), command.NameEn!.Trim()));
            }, nameof(AddState.Code), cancellationToken, allowIncomplete: true);

        public ValueTask<bool> Handle(RemoveState command, CancellationToken cancellationToken) =>
            ChangeAsync(command.ProcedureCode, w => CaseStatus.IsBuiltIn(command.Code) && command.Code is CaseStatus.Submitted or CaseStatus.AwaitingCorrection or CaseStatus.Withdrawn
                ? throw new DomainRuleException("Workflow.RequiredState", command.Code)
                : w.WithoutState(command.Code), "", cancellationToken, allowIncomplete: true);

        public ValueTask<bool> Handle(AddTransition command, CancellationToken cancellationToken) =>
            ChangeAsync(command.ProcedureCode, w => w.WithTransition(new WorkflowTransition(command.Action!, command.From!, command.To!, command.Role!, command.CommentRequired,
                string.IsNullOrWhiteSpace(command.NameJa) ? null : command.NameJa.Trim(), string.IsNullOrWhiteSpace(command.NameEn) ? null : command.NameEn.Trim())),
                nameof(AddTransition.Action), cancellationToken, allowIncomplete: true);

        public ValueTask<bool> Handle(RemoveTransition command, CancellationToken cancellationToken) =>
            ChangeAsync(command.ProcedureCode, w => w.WithoutTransition(command.From, command.Action, command.Role), "", cancellationToken, allowIncomplete: true);

        /// <summary>
        /// Applies one edit and saves it. Building a workflow takes several edits (a state, the actions out of
        /// it, then the actions into it), so a new state may be saved before anything leads to it; anything that
        /// could trap or break a case (a reachable state with no way out, a state holding cases removed) is refused.
        /// </summary>
        private async ValueTask<bool> ChangeAsync(string code, Func<CaseWorkflow, CaseWorkflow> edit, string property, CancellationToken cancellationToken, bool allowIncomplete = false)
        {
            var scope = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
            var procedure = await db.Procedures.ManageableBy(scope).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
            if (procedure is null)
            {
                return false;
            }

            var inUse = (await CountsAsync(db, procedure.Id, cancellationToken)).Keys.ToList();
            var before = procedure.Workflow;
            var changed = Workflows.Run(() =>
            {
                var changed = edit(before);
                procedure.ChangeWorkflow(changed, inUse, allowIncomplete ? IncompleteButSafe : null);
                return changed;
            }, l, property);
            if (await RoleHolders.StrandedByEditAsync(db, procedure, before, changed, cancellationToken) is { } stranded)
            {
                var unit = await db.OrganisationUnits.AsNoTracking().SingleAsync(u => u.Id == stranded.Unit, cancellationToken);
                var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                throw new[] { (property, l["Workflow.NoRoleHolder"].Fill(("unit", unit.Name(english)), ("role", l["Workflow.Role." + stranded.Role].Value), ("state", StateName(changed, stranded.State, english)))) }.ToValidationException();
            }

            return true;
        }

        private string StateName(CaseWorkflow workflow, string code, bool english) =>
            CaseStatus.IsBuiltIn(code) ? l["Status.Staff." + code].Value : workflow.State(code) is { } s ? (english ? s.NameEn : s.NameJa) ?? code : code;

        /// <summary>A state nobody can reach yet is unused, so harmless while the admin joins it up; a trap for cases never is.</summary>
        private static readonly string[] IncompleteButSafe = ["Workflow.Unreachable"];
    }
}
