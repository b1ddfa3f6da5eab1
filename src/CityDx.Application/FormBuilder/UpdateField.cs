using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 質問を編集: every setting the question's type uses (settings of other types are cleared). Numbers are entered as
/// text and checked here; choices one per line as <c>value|日本語|English</c>; sub-questions of a repeating group one
/// per line as <c>key|type|日本語|English</c> (add <c>|optional</c> for an optional one). Whether the rule points at an
/// earlier question, ranges and patterns are publish checks, shown in the editor. A date question's earliest and latest
/// dates are <c>today</c>, <c>today-365</c>, <c>today+14</c> or <c>2026-04-01</c> (<see cref="DateBound"/>); an address
/// question's accepted 市区町村 are one per line.
/// </summary>
public static class UpdateField
{
    /// <summary>File types an attachment may accept (the upload endpoint enforces them).</summary>
    public static readonly IReadOnlyList<string> FileTypes = ["pdf", "jpeg", "png"];

    /// <summary>False when the procedure is not this admin's, has no draft or no such question.</summary>
    [Audited(Domain.Auditing.AuditActions.FormChange, RecordsChanges = true)]
    public sealed record Command(
        string Code,
        string Key,
        string? LabelJa,
        string? LabelEn,
        string? HintJa,
        string? HintEn,
        bool Required,
        string? MinLength,
        string? MaxLength,
        string? Pattern,
        string? Min,
        string? Max,
        string? Options,
        IReadOnlyList<string> AllowedFileTypes,
        string? MaxFileSizeMb,
        string? MaxFiles,
        bool Wareki,
        string? MinRows,
        string? MaxRows,
        string? SubFields,
        string? ContentJa,
        string? ContentEn,
        string? ConditionFieldKey,
        ConditionOperator ConditionOperator,
        string? ConditionValues,
        string? MinDate = null,
        string? MaxDate = null,
        string? AllowedCities = null) : ICommand<bool>;

    /// <summary>Which settings a type uses (the edit page shows only these).</summary>
    public static class Uses
    {
        public static bool Length(FieldType t) => t is FieldType.ShortText or FieldType.LongText or FieldType.Email or FieldType.Phone or FieldType.PersonName or FieldType.Furigana;
        public static bool Pattern(FieldType t) => Length(t) || t == FieldType.Number;
        public static bool Range(FieldType t) => t is FieldType.Number or FieldType.MultipleChoice;
        public static bool Options(FieldType t) => t is FieldType.SingleChoice or FieldType.MultipleChoice;
        public static bool Files(FieldType t) => t == FieldType.FileUpload;
        public static bool Wareki(FieldType t) => t == FieldType.Date;
        public static bool DateRange(FieldType t) => t == FieldType.Date;
        public static bool Cities(FieldType t) => t == FieldType.PostalAddress;
        public static bool Rows(FieldType t) => t == FieldType.RepeatingGroup;
        public static bool Content(FieldType t) => t == FieldType.Information;
        public static bool Required(FieldType t) => t != FieldType.Information;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.LabelJa).MaximumLength(400);
            RuleFor(c => c.LabelEn).MaximumLength(400);
            RuleFor(c => c.HintJa).MaximumLength(1000);
            RuleFor(c => c.HintEn).MaximumLength(1000);
            RuleFor(c => c.Pattern).MaximumLength(500);
            RuleFor(c => c.Options).MaximumLength(20000);
            RuleFor(c => c.SubFields).MaximumLength(20000);
            RuleFor(c => c.ContentJa).MaximumLength(4000);
            RuleFor(c => c.ContentEn).MaximumLength(4000);
            RuleFor(c => c.ConditionOperator).IsInEnum();
            RuleFor(c => c.ConditionValues).MaximumLength(4000);
            RuleFor(c => c.MinDate).MaximumLength(40);
            RuleFor(c => c.MaxDate).MaximumLength(40);
            RuleFor(c => c.AllowedCities).MaximumLength(4000);
        }

    }

    private static bool IsWholeNumber(string? v) => string.IsNullOrWhiteSpace(v) || int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsNumber(string? v) => string.IsNullOrWhiteSpace(v) || Parse(v) is not null;

    internal static decimal? Parse(string? v) =>
        decimal.TryParse(v?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static int? Int(string? v) => string.IsNullOrWhiteSpace(v) ? null : int.Parse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string? Text(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();

    /// <summary>Choices as the edit page shows them: one per line, <c>value|日本語|English</c>.</summary>
    public static string OptionLines(FormField field) => string.Join('\n', field.OptionList.Select(o => $"{o.Value}|{o.LabelJa}|{o.LabelEn}"));

    /// <summary>Sub-questions as the edit page shows them: one per line, <c>key|type|日本語|English</c>[<c>|optional</c>].</summary>
    public static string SubFieldLines(FormField field) => string.Join('\n', field.SubFieldList.Select(s =>
        $"{s.Key}|{JsonNamingPolicyCamel(s.Type)}|{s.LabelJa}|{s.LabelEn}{(s.Required ? "" : "|optional")}"));

    public static string JsonNamingPolicyCamel(FieldType type) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command c, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, c.Code, cancellationToken);
            var draft = procedure is null ? null : await db.DraftOfAsync(procedure, cancellationToken);
            var field = draft?.Definition.FindField(c.Key);
            if (draft is null || field is null)
            {
                return false;
            }

            var errors = new List<(string, string)>();
            var options = CheckSettings(c, field.Type, errors);
            var subFields = Uses.Rows(field.Type) ? ParseSubFields(c.SubFields, draft.Definition, c.Key, errors) : null;
            var condition = CheckCondition(c, draft.Definition, errors);
            if (errors.Count > 0)
            {
                throw errors.ToValidationException();
            }

            var updated = Updated(field, c, options, subFields, condition);
            draft.UpdateDefinition(draft.Definition.WithField(c.Key, _ => updated));
            return true;
        }

        /// <summary>
        /// Every setting the type uses is checked, in the order of the page, so all mistakes are listed at once;
        /// returns the parsed choices (null when the type has none).
        /// </summary>
        private List<FieldOption>? CheckSettings(Command c, FieldType t, List<(string, string)> errors)
        {
            if (t != FieldType.Information && string.IsNullOrWhiteSpace(c.LabelJa))
            {
                errors.Add((nameof(Command.LabelJa), l["Builder.LabelJaRequired"].Value));
            }

            if (t != FieldType.Information && string.IsNullOrWhiteSpace(c.LabelEn))
            {
                errors.Add((nameof(Command.LabelEn), l["Builder.LabelEnRequired"].Value));
            }

            void WholeNumber(bool used, string? value, string property, string label)
            {
                if (used && !IsWholeNumber(value))
                {
                    errors.Add((property, l["Builder.WholeNumber"].Fill(("name", l[label].Value))));
                }
            }

            WholeNumber(Uses.Length(t), c.MinLength, nameof(Command.MinLength), "Builder.MinLength");
            WholeNumber(Uses.Length(t), c.MaxLength, nameof(Command.MaxLength), "Builder.MaxLength");
            var options = Uses.Options(t) ? ParseOptions(c.Options, errors) : null;
            foreach (var (value, property, label) in new[] { (c.Min, nameof(Command.Min), "Builder.Min"), (c.Max, nameof(Command.Max), "Builder.Max") })
            {
                if (Uses.Range(t) && !IsNumber(value))
                {
                    errors.Add((property, l["Builder.Number"].Fill(("name", l[label].Value))));
                }
            }

            if (Uses.Files(t))
            {
                if (c.AllowedFileTypes.Any(x => !FileTypes.Contains(x)))
                {
                    errors.Add((nameof(Command.AllowedFileTypes), l["Builder.FileTypeUnknown"].Value));
                }

                if (!IsNumber(c.MaxFileSizeMb) || Parse(c.MaxFileSizeMb) is <= 0 or > 100)
                {
                    errors.Add((nameof(Command.MaxFileSizeMb), l["Builder.MaxFileSizeRange"].Value));
                }

                WholeNumber(true, c.MaxFiles, nameof(Command.MaxFiles), "Builder.MaxFiles");
            }

            WholeNumber(Uses.Rows(t), c.MinRows, nameof(Command.MinRows), "Builder.MinRows");
            WholeNumber(Uses.Rows(t), c.MaxRows, nameof(Command.MaxRows), "Builder.MaxRows");
            if (Uses.DateRange(t))
            {
                CheckDateRange(c, errors);
            }

            return options;
        }

        /// <summary>Each end reads as today, today±N or a date, and the earliest is not after the latest.</summary>
        private void CheckDateRange(Command c, List<(string, string)> errors)
        {
            DateBound? Read(string? text, string property, string label)
            {
                if (Text(text) is not { } value)
                {
                    return null;
                }

                if (DateBound.TryParse(value, out var bound))
                {
                    return bound;
                }

                errors.Add((property, l["Builder.DateBound"].Fill(("name", l[label].Value))));
                return null;
            }

            var min = Read(c.MinDate, nameof(Command.MinDate), "Builder.MinDate");
            var max = Read(c.MaxDate, nameof(Command.MaxDate), "Builder.MaxDate");
            if (min is { } a && max is { } b && DateBound.AreCrossed(a, b))
            {
                errors.Add((nameof(Command.MaxDate), l["Builder.DateRangeCrossed"].Value));
            }
        }

        /// <summary>The show-when rule as entered: it must name a question of the form and, for a comparison, values.</summary>
        private Condition? CheckCondition(Command c, FormDefinition definition, List<(string, string)> errors)
        {
            var condition = FormDrafts.ConditionFrom(c.ConditionFieldKey, c.ConditionOperator, c.ConditionValues);
            if (condition is not null && definition.FindField(condition.FieldKey) is null)
            {
                errors.Add((nameof(Command.ConditionFieldKey), l["Builder.ConditionFieldUnknown"].Value));
            }

            if (condition is not null && condition.NeedsValues && FormDrafts.Lines(c.ConditionValues).Count == 0)
            {
                errors.Add((nameof(Command.ConditionValues), l["Builder.ConditionValuesRequired"].Value));
            }

            return condition;
        }

        /// <summary>The question with the checked settings; settings its type does not use are cleared.</summary>
        private static FormField Updated(FormField field, Command c, List<FieldOption>? options, List<FormField>? subFields, Condition? condition)
        {
            var t = field.Type;
            var maxSize = Parse(c.MaxFileSizeMb);
            return field with
            {
                LabelJa = c.LabelJa?.Trim() ?? "",
                LabelEn = c.LabelEn?.Trim() ?? "",
                HintJa = Text(c.HintJa),
                HintEn = Text(c.HintEn),
                Required = Uses.Required(t) && c.Required,
                MinLength = Uses.Length(t) ? Int(c.MinLength) : null,
                MaxLength = Uses.Length(t) ? Int(c.MaxLength) : null,
                Pattern = Uses.Pattern(t) ? Text(c.Pattern) : null,
                Min = Uses.Range(t) ? Parse(c.Min) : null,
                Max = Uses.Range(t) ? Parse(c.Max) : null,
                Options = options,
                AllowedFileTypes = Uses.Files(t) ? [.. FileTypes.Where(c.AllowedFileTypes.Contains)] : null,
                MaxFileSizeBytes = Uses.Files(t) && maxSize is { } mb ? (long)(mb * 1024 * 1024) : null,
                MaxFiles = Uses.Files(t) ? Int(c.MaxFiles) : null,
                Wareki = Uses.Wareki(t) && c.Wareki,
                MinRows = Uses.Rows(t) ? Int(c.MinRows) : null,
                MaxRows = Uses.Rows(t) ? Int(c.MaxRows) : null,
                SubFields = subFields,
                ContentJa = Uses.Content(t) ? Text(c.ContentJa) : null,
                ContentEn = Uses.Content(t) ? Text(c.ContentEn) : null,
                ShowWhen = condition,
                MinDate = Uses.DateRange(t) && DateBound.TryParse(Text(c.MinDate), out var min) ? min.ToString() : null,
                MaxDate = Uses.DateRange(t) && DateBound.TryParse(Text(c.MaxDate), out var max) ? max.ToString() : null,
                AllowedCities = Uses.Cities(t) && FormDrafts.Lines(c.AllowedCities) is { Count: > 0 } cities ? cities : null,
            };
        }

        private List<FieldOption> ParseOptions(string? text, List<(string, string)> errors)
        {
            var options = new List<FieldOption>();
            var lines = (text ?? "").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
                if (parts.Length < 3 || parts.Any(p => p.Length == 0))
                {
                    errors.Add((nameof(Command.Options), l["Builder.OptionLine"].Fill(("line", (i + 1).ToString(CultureInfo.InvariantCulture)))));
                    continue;
                }

                options.Add(new FieldOption(parts[0], parts[1], parts[2]));
            }

            return options;
        }

        private List<FormField> ParseSubFields(string? text, FormDefinition definition, string groupKey, List<(string, string)> errors)
        {
            var subFields = new List<FormField>();
            var lines = (text ?? "").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var parts = line.Split('|', StringSplitOptions.TrimEntries);
                var type = parts.Length >= 2 ? Enum.GetValues<FieldType>().Cast<FieldType?>().FirstOrDefault(x => JsonNamingPolicyCamel(x!.Value) == parts[1]) : null;
                var number = (i + 1).ToString(CultureInfo.InvariantCulture);
                if (parts.Length is < 4 or > 5 || type is null || (parts.Length == 5 && parts[4] != "optional") || parts[2].Length == 0 || parts[3].Length == 0)
                {
                    errors.Add((nameof(Command.SubFields), l["Builder.SubFieldLine"].Fill(("line", number))));
                    continue;
                }

                var key = parts[0];
                if (!FormChecks.IsValidKey(key) || key == groupKey || subFields.Any(s => s.Key == key) || definition.UsesKey(key))
                {
                    errors.Add((nameof(Command.SubFields), l["Builder.SubFieldKey"].Fill(("line", number), ("key", key))));
                    continue;
                }

                var existing = definition.FindField(groupKey)?.SubFieldList.FirstOrDefault(s => s.Key == key && s.Type == type);
                subFields.Add((existing ?? new FormField(key, type.Value, "", "")) with { LabelJa = parts[2], LabelEn = parts[3], Required = parts.Length == 4 });
            }

            return subFields;
        }
    }
}
