using CityDx.Application.Common;
using CityDx.Domain;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 様式の編集: a procedure's form versions, its draft (if any) and what stops the draft from being published,
/// in the admin's language. Null when the procedure is not this admin's (→ 404).
/// </summary>
public static class OpenFormEditor
{
    public sealed record Query(string Code) : IQuery<Result?>;

    public sealed record VersionItem(int Number, FormVersionStatus Status, DateTimeOffset? PublishedAt, bool IsCurrent);

    /// <summary>One publish problem: where it is (step and/or field key, either may be null) and what it is.</summary>
    public sealed record Problem(string? StepKey, string? FieldKey, string Message);

    public sealed record Result(
        string Code,
        string NameJa,
        string NameEn,
        bool IsPublished,
        IReadOnlyList<VersionItem> Versions,
        int? DraftNumber,
        FormDefinition? Draft,
        IReadOnlyList<Problem> Problems)
    {
        public string Name(bool english) => english ? NameEn : NameJa;
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, query.Code, cancellationToken);
            if (procedure is null)
            {
                return null;
            }

            var versions = await db.FormVersions.AsNoTracking().Where(v => v.ProcedureId == procedure.Id).OrderBy(v => v.VersionNumber).ToListAsync(cancellationToken);
            var draft = versions.FirstOrDefault(v => v.Status == FormVersionStatus.Draft);
            var problems = draft is null
                ? []
                : FormChecks.Check(draft.Definition, JapanTime.DateOf(clock.GetUtcNow())).Select(p => new Problem(p.StepKey, p.FieldKey, Describe(p, user.PrefersEnglish))).ToList();
            return new Result(
                procedure.Code, procedure.NameJa, procedure.NameEn, procedure.IsPublished,
                [.. versions.Select(v => new VersionItem(v.VersionNumber, v.Status, v.PublishedAt, v.Id == procedure.CurrentFormVersionId))],
                draft?.VersionNumber, draft?.Definition, problems);
        }
    }

    public static string Describe(FormProblem problem, bool english) => english ? FormProblemMessages.En(problem) : FormProblemMessages.Ja(problem);
}
