using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Cases;

/// <summary>
/// Who holds the workflow roles (Staff, Approver) in which units: members of a unit with the role.
/// Only members of the case's own unit count — they are the ones who can see and act on the case
/// (<see cref="CaseAccess.VisibleToStaff"/>); someone in a unit above it cannot, so counting them would
/// leave the case stranded all the same.
/// </summary>
public sealed class RoleHolders
{
    private readonly ILookup<(Guid Unit, string Role), string> _users;

    private RoleHolders(ILookup<(Guid Unit, string Role), string> users) => _users = users;

    public static async Task<RoleHolders> OfUnitsAsync(CityDxDbContext db, IEnumerable<Guid> unitIds, CancellationToken cancellationToken)
    {
        var units = unitIds.Distinct().ToList();
        var rows = await (
                from m in db.StaffMemberships.AsNoTracking()
                where units.Contains(m.OrganisationUnitId)
                join ur in db.UserRoles on m.UserId equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where r.Name == WorkflowRole.Staff || r.Name == WorkflowRole.Approver
                select new { m.OrganisationUnitId, Role = r.Name!, m.UserId })
            .ToListAsync(cancellationToken);
        return new RoleHolders(rows.ToLookup(r => (r.OrganisationUnitId, r.Role), r => r.UserId));
    }

    public bool Holds(Guid unitId, string role, Func<string, bool>? eligible = null) =>
        _users[(unitId, role)].Any(u => eligible is null || eligible(u));

    /// <summary>
    /// Every case can finish: refuses (before anything changes) to send a case to a state whose next step
    /// needs a role nobody of its unit can take. An approver must be someone other than the people who
    /// reviewed it (separation of duties), the sender included.
    /// </summary>
    public void EnsureNextStepHeld(CaseWorkflow workflow, Case @case, string action, CaseActor actor)
    {
        if (workflow.Find(@case.Status, action, actor.Roles) is not { } transition || transition.Role == WorkflowRole.Applicant)
        {
            return;
        }

        var missing = workflow.MissingRoleToLeave(transition.To, role => Holds(@case.OrganisationUnitId, role, role == WorkflowRole.Approver
            ? u => !@case.ReviewedBy(u) && !(transition.Role == WorkflowRole.Staff && u == actor.UserId)
            : null));
        if (missing is not null)
        {
            throw new DomainRuleException("Case.NoRoleHolder." + missing, $"Nobody of the case's unit holds the {missing} role the next step needs.");
        }
    }

    /// <summary>
    /// A workflow edit must not strand cases: the first (unit, state, role) where, after the edit, a case
    /// would wait for a role nobody of the unit holds and before it did not — for the units holding the
    /// procedure's cases, and for every open state at the unit the procedure always goes to (central
    /// processing centre or owning unit). Null when the edit strands nothing.
    /// </summary>
    public static async Task<(Guid Unit, string State, string Role)?> StrandedByEditAsync(
        CityDxDbContext db, Domain.Procedures.Procedure procedure, CaseWorkflow before, CaseWorkflow after, CancellationToken cancellationToken)
    {
        var occupied = await db.Cases.AsNoTracking().Where(c => c.ProcedureId == procedure.Id)
            .Select(c => new { c.OrganisationUnitId, c.Status }).Distinct().ToListAsync(cancellationToken);
        var places = occupied.Select(o => (Unit: o.OrganisationUnitId, State: o.Status)).ToList();
        var fixedUnit = procedure.Routing switch
        {
            Domain.Procedures.Routing.CentralProcessingCentre => await db.OrganisationUnits.AsNoTracking()
                .Where(u => u.Kind == Domain.Organisation.OrganisationUnitKind.CentralProcessingCentre).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken),
            Domain.Procedures.Routing.OwningUnit => procedure.OwningUnitId,
            _ => null,
        };
        if (fixedUnit is { } unit)
        {
            places.AddRange(after.OpenStates.Select(s => (unit, s)));
        }

        var holders = await OfUnitsAsync(db, places.Select(p => p.Unit), cancellationToken);
        foreach (var (placeUnit, state) in places.Distinct())
        {
            bool Held(string role) => holders.Holds(placeUnit, role);
            if (after.IsTerminal(state) || after.MissingRoleToLeave(state, Held) is not { } missing)
            {
                continue;
            }

            if (before.State(state) is null || before.MissingRoleToLeave(state, Held) is null)
            {
                return (placeUnit, state, missing);
            }
        }

        return null;
    }
}
