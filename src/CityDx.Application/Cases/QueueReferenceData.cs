using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Cases;

/// <summary>The workflows of every procedure: queues span procedures, and each names its own states.</summary>
public sealed record QueueWorkflows(IReadOnlyDictionary<Guid, CaseWorkflow> ByProcedure)
{
    public IReadOnlyList<string> Open => Distinct(w => w.OpenStates);

    public IReadOnlyList<string> Running => Distinct(w => w.States.Where(s => s.ClockRuns && !s.Terminal).Select(s => s.Code));

    public StateLabel Label(string code) =>
        ByProcedure.Values.Select(w => w.State(code) is not null ? w.Label(code) : null).FirstOrDefault(l => l is not null) ?? new StateLabel(code);

    public IReadOnlyList<StateLabel> All => Distinct(w => w.States.Select(s => s.Code)).Select(Label).ToList();

    private List<string> Distinct(Func<CaseWorkflow, IEnumerable<string>> pick)
    {
        var fromDefault = pick(CaseWorkflow.Default).ToList();
        var others = ByProcedure.Values.SelectMany(pick).Where(c => !fromDefault.Contains(c)).Distinct().Order(StringComparer.Ordinal);
        return [.. fromDefault, .. others];
    }

    public static async Task<QueueWorkflows> LoadAsync(CityDxDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.WorkflowJson }).ToListAsync(cancellationToken);
        return new QueueWorkflows(rows.ToDictionary(r => r.Id, r => CaseWorkflow.FromJson(r.WorkflowJson)));
    }
}

/// <summary>Procedures (by code) with their workflows, and units, as a queue names them; kept briefly (<see cref="ViewCache"/>).</summary>
public sealed record QueueReferenceData(QueueWorkflows Workflows, IReadOnlyList<ListQueue.ProcedureOption> Procedures, IReadOnlyDictionary<Guid, (string NameJa, string NameEn)> Units)
{
    public static async Task<QueueReferenceData> LoadAsync(CityDxDbContext db, CancellationToken cancellationToken)
    {
        var procedures = await db.Procedures.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.NameJa, p.NameEn, p.WorkflowJson }).ToListAsync(cancellationToken);
        var units = await db.OrganisationUnits.AsNoTracking().Select(u => new { u.Id, u.NameJa, u.NameEn }).ToListAsync(cancellationToken);
        return new QueueReferenceData(
            new QueueWorkflows(procedures.ToDictionary(p => p.Id, p => CaseWorkflow.FromJson(p.WorkflowJson))),
            procedures.Select(p => new ListQueue.ProcedureOption(p.Id, p.NameJa, p.NameEn)).ToList(),
            units.ToDictionary(u => u.Id, u => (u.NameJa, u.NameEn)));
    }
}
