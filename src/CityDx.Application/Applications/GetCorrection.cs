using System.Globalization;
using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Applications;

/// <summary>
/// The correction page of one of the citizen's own applications: the staff's reason, the questions
/// open for correction (with the answers as they stand, ready to edit) and every other answer
/// read-only. Null when the application is not theirs; <see cref="Detail.Correction"/> is null when
/// no correction is open.
/// </summary>
public static class GetCorrection
{
    public sealed record Query(Guid Id) : IQuery<Detail?>;

    public sealed record Detail(
        Guid Id,
        string ReceiptNumber,
        string ProcedureNameJa,
        string ProcedureNameEn,
        CorrectionLine? Correction,
        IReadOnlyList<FormField> EditableFields,
        IReadOnlyList<AnsweredField> OtherAnswers,
        IReadOnlyDictionary<string, string?> Inputs,
        IReadOnlyList<(string Key, string Value)> RuleValues,
        int Version);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, Detail?>
    {
        public async ValueTask<Detail?> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            if (await CaseView.LoadAsync(db, db.OwnedBy(userId), query.Id, cancellationToken) is not { } view)
            {
                return null;
            }

            var (@case, procedure, version, _, _) = view;
            var definition = version.Definition;
            var correction = RequestCorrection.OpenOn(@case, definition);
            var open = correction is null ? [] : @case.CorrectionFields.ToHashSet(StringComparer.Ordinal);
            var editable = definition.Fields.Where(f => open.Contains(f.Key)).ToList();
            var others = view.Answers.Where(a => !open.Contains(a.Key)).ToList();
            return new Detail(@case.Id, @case.ReceiptNumber, procedure.NameJa, procedure.NameEn, correction, editable, others,
                Inputs(editable, @case.Answers), RuleValues(editable, @case.Answers), @case.Version);
        }
    }

    /// <summary>
    /// The answers (as filed) of the questions that an editable question's show-when rule reads but that
    /// are not editable themselves: the page carries them so the browser evaluates the rule as the
    /// server does. The server never takes them back (only the named questions are read).
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> RuleValues(IReadOnlyList<FormField> editable, IReadOnlyDictionary<string, string> answers) =>
        editable.Select(f => f.ShowWhen?.FieldKey).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(key => editable.All(f => f.Key != key))
            .SelectMany(key => (answers.GetValueOrDefault(key) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => (key, v)))
            .ToList();

    /// <summary>
    /// The stored answers of the editable questions as the inputs expect them: dates are stored as
    /// ISO text but typed as 年・月・日 parts (also inside a repeating group's rows).
    /// </summary>
    public static Dictionary<string, string?> Inputs(IReadOnlyList<FormField> editable, IReadOnlyDictionary<string, string> answers)
    {
        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in editable)
        {
            foreach (var (key, value) in answers.Where(a => ResubmitCorrection.BelongsTo(a.Key, field)))
            {
                var type = field.Type == FieldType.RepeatingGroup && key != field.Key
                    ? field.SubFieldList.FirstOrDefault(s => key.EndsWith("]." + s.Key, StringComparison.Ordinal))?.Type
                    : field.Type;
                if (type == FieldType.Date && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    inputs[DatePart.Key(key, DatePart.Era)] = "western";
                    inputs[DatePart.Key(key, DatePart.Year)] = date.Year.ToString(CultureInfo.InvariantCulture);
                    inputs[DatePart.Key(key, DatePart.Month)] = date.Month.ToString(CultureInfo.InvariantCulture);
                    inputs[DatePart.Key(key, DatePart.Day)] = date.Day.ToString(CultureInfo.InvariantCulture);
                }
                else if (type != FieldType.FileUpload)
                {
                    inputs[key] = value;
                }
            }
        }

        return inputs;
    }
}
