using CityDx.Application.Administration;
using CityDx.Application.Common;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// What the form builder's use cases share: finding a procedure this admin may configure (another body's is
/// simply not found, see <see cref="AdminScope"/>), its draft, and rebuilding a definition with one step or field changed.
/// </summary>
public static class FormDrafts
{
    /// <summary>The procedure with this code if this admin may configure it, else null (→ 404).</summary>
    public static async Task<Procedure?> ManageableProcedureAsync(this CityDxDbContext db, ICurrentUser user, string code, CancellationToken cancellationToken)
    {
        var units = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
        return await db.Procedures.ManageableBy(units).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
    }

    /// <summary>The procedure's draft version (tracked), or null when it has none.</summary>
    public static Task<FormVersion?> DraftOfAsync(this CityDxDbContext db, Procedure procedure, CancellationToken cancellationToken) =>
        db.FormVersions.FirstOrDefaultAsync(v => v.ProcedureId == procedure.Id && v.Status == FormVersionStatus.Draft, cancellationToken);

    /// <summary>The number the next version of this procedure's form gets.</summary>
    public static async Task<int> NextVersionNumberAsync(this CityDxDbContext db, Procedure procedure, CancellationToken cancellationToken) =>
        (await db.FormVersions.Where(v => v.ProcedureId == procedure.Id).MaxAsync(v => (int?)v.VersionNumber, cancellationToken) ?? 0) + 1;

    /// <summary>A new draft's definition: one untitled step with no questions.</summary>
    public static FormDefinition Empty() => new([new FormStep(FormDefinition.SingleStepKey, "", "", [])]);

    /// <summary>Every key used in the form: step keys, field keys and sub-field keys (a new key must be none of them).</summary>
    public static bool UsesKey(this FormDefinition definition, string key) =>
        definition.Steps.Any(s => s.Key == key) || definition.Fields.Any(f => f.Key == key);

    public static FormStep? FindStep(this FormDefinition definition, string key) => definition.Steps.FirstOrDefault(s => s.Key == key);

    /// <summary>The definition with the step of this key replaced.</summary>
    public static FormDefinition WithStep(this FormDefinition definition, string key, Func<FormStep, FormStep> change) =>
        new([.. definition.Steps.Select(s => s.Key == key ? change(s) : s)]);

    /// <summary>The definition with the field of this key replaced (on whichever step it is).</summary>
    public static FormDefinition WithField(this FormDefinition definition, string key, Func<FormField, FormField> change) =>
        new([.. definition.Steps.Select(s => s.Fields.Any(f => f.Key == key) ? s with { Fields = [.. s.Fields.Select(f => f.Key == key ? change(f) : f)] } : s)]);

    /// <summary>The list with the item at <paramref name="index"/> swapped with its neighbour above or below (unchanged at an end).</summary>
    public static List<T> Moved<T>(IReadOnlyList<T> items, int index, bool up)
    {
        var list = items.ToList();
        var other = up ? index - 1 : index + 1;
        if (index >= 0 && other >= 0 && other < list.Count)
        {
            (list[index], list[other]) = (list[other], list[index]);
        }

        return list;
    }

    /// <summary>A show-when rule from what the admin entered: none when no field is chosen; values one per line.</summary>
    public static Condition? ConditionFrom(string? fieldKey, ConditionOperator op, string? values)
    {
        if (string.IsNullOrWhiteSpace(fieldKey))
        {
            return null;
        }

        var list = Lines(values);
        return new Condition(fieldKey.Trim(), op, op == ConditionOperator.IsYes || list.Count == 0 ? null : list);
    }

    public static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
