using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>A state as a page shows it: built-in states are named by the resources, added ones carry their names.</summary>
public sealed record StateLabel(string Code, string? NameJa = null, string? NameEn = null);

/// <summary>An action a person can take now, with its name when an admin added it.</summary>
public sealed record ActionLabel(string Code, bool CommentRequired, string? NameJa = null, string? NameEn = null);

/// <summary>
/// What every case transition shares, whoever takes it: the procedure's workflow, the actor's
/// workflow roles, the version check, and turning a refused rule into a message for the person.
/// TakeAction, RequestCorrection, ResubmitCorrection, WithdrawApplication and the batch all go through here.
/// </summary>
public static class Workflows
{
    public static async Task<CaseWorkflow> WorkflowOfAsync(this CityDxDbContext db, Guid procedureId, CancellationToken cancellationToken) =>
        CaseWorkflow.FromJson(await db.Procedures.AsNoTracking().Where(p => p.Id == procedureId).Select(p => p.WorkflowJson).SingleAsync(cancellationToken));

    /// <summary>The workflows of several procedures at once (a queue page or a batch).</summary>
    public static async Task<Dictionary<Guid, CaseWorkflow>> WorkflowsOfAsync(this CityDxDbContext db, IEnumerable<Guid> procedureIds, CancellationToken cancellationToken)
    {
        var ids = procedureIds.Distinct().ToList();
        var rows = await db.Procedures.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.WorkflowJson }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => CaseWorkflow.FromJson(r.WorkflowJson));
    }

    /// <summary>The signed-in member of staff as a workflow actor: Staff and/or Approver, as their roles say.</summary>
    public static CaseActor StaffActor(this ICurrentUser user) =>
        CaseActor.StaffMember(user.RequireUserId(), user.IsInRole(Roles.Staff), user.IsInRole(Roles.Approver));

    public static StateLabel Label(this CaseWorkflow workflow, string code) =>
        workflow.State(code) is { } s && !CaseStatus.IsBuiltIn(code) ? new StateLabel(code, s.NameJa, s.NameEn) : new StateLabel(code);

    public static ActionLabel Label(this WorkflowTransition t) =>
        CaseAction.IsBuiltIn(t.Action) ? new ActionLabel(t.Action, t.CommentRequired) : new ActionLabel(t.Action, t.CommentRequired, t.NameJa, t.NameEn);

    /// <summary>
    /// The built-in state whose citizen wording fits: an added state reads as 処理中 while open and
    /// as its outcome when closed, so citizens keep the few words they know.
    /// </summary>
    public static string CitizenStatus(this CaseWorkflow workflow, string code) =>
        CaseStatus.IsBuiltIn(code) ? code : workflow.OutcomeOf(code) switch
        {
            Outcome.Approved => CaseStatus.Completed,
            Outcome.Rejected => CaseStatus.Rejected,
            Outcome.Withdrawn => CaseStatus.Withdrawn,
            _ => CaseStatus.UnderReview,
        };

    /// <summary>Throws the conflict message when the case changed since the person looked at it.</summary>
    public static void ExpectVersion(this Case @case, int expected, IStringLocalizer<SharedResource> l, string messageKey = "Case.Conflict")
    {
        if (@case.Version != expected)
        {
            throw new ConflictException(l[messageKey]);
        }
    }

    /// <summary>Runs a domain change; a refused rule becomes a validation message on <paramref name="property"/>.</summary>
    public static void Run(Action change, IStringLocalizer<SharedResource> l, string property, string? notAllowedKey = null) =>
        Run(() =>
        {
            change();
            return true;
        }, l, property, notAllowedKey);

    /// <summary>Runs a domain change; a refused rule becomes a validation message on <paramref name="property"/>.</summary>
    public static T Run<T>(Func<T> change, IStringLocalizer<SharedResource> l, string property, string? notAllowedKey = null)
    {
        try
        {
            return change();
        }
        catch (DomainRuleException ex)
        {
            throw new[] { (property, l[ex.Code == "Case.ActionNotAllowed" && notAllowedKey is not null ? notAllowedKey : ex.Code].Value) }.ToValidationException();
        }
    }
}
