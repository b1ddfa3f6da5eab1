using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;

namespace CityDx.Application.Common;

/// <summary>One answer as it is shown back: the question of the pinned form version and the answer's display text.</summary>
public sealed record AnsweredField(string Key, string LabelJa, string LabelEn, string ValueJa, string ValueEn)
{
    /// <summary>The answer of a date question, so a page can write it in the city's 和暦/西暦 style.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Renders answers against the form version they were filed under, in the form's order.</summary>
    public static IReadOnlyList<AnsweredField> From(FormDefinition definition, IReadOnlyDictionary<string, string> answers, IReadOnlyDictionary<Guid, string>? fileNames = null) =>
        definition.Fields
            .Where(f => f.Type is not FieldType.Information)
            .Where(f => answers.ContainsKey(f.Type == FieldType.PostalAddress ? AddressPart.Key(f.Key, AddressPart.PostalCode) : f.Key))
            .Select(f =>
            {
                if (f.Type == FieldType.RepeatingGroup)
                {
                    // Each row on its own line: "1. 山田 太郎 / 2015-04-01".
                    var count = int.TryParse(answers[f.Key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
                    var lines = Enumerable.Range(0, count).Select(row => $"{row + 1}. " + string.Join(" / ",
                        f.SubFieldList.Select(sub => answers.GetValueOrDefault(GroupRow.Key(f.Key, row, sub.Key)) ?? "").Where(v => v.Length > 0)));
                    var text = string.Join("\n", lines);
                    return new AnsweredField(f.Key, f.LabelJa, f.LabelEn, text, text);
                }

                if (f.Type == FieldType.FileUpload)
                {
                    var names = answers[f.Key].Split('\n', StringSplitOptions.RemoveEmptyEntries)
                        .Select(id => Guid.TryParse(id, out var g) && fileNames?.GetValueOrDefault(g) is { } n ? n : id);
                    var list = string.Join("、", names);
                    return new AnsweredField(f.Key, f.LabelJa, f.LabelEn, list, list.Replace("、", ", ", StringComparison.Ordinal));
                }

                if (f.Type == FieldType.MultipleChoice)
                {
                    var chosen = answers[f.Key].Split('\n', StringSplitOptions.RemoveEmptyEntries)
                        .Select(v => f.OptionList.FirstOrDefault(o => o.Value == v)).Where(o => o is not null).ToList();
                    return new AnsweredField(f.Key, f.LabelJa, f.LabelEn, string.Join("、", chosen.Select(o => o!.LabelJa)), string.Join(", ", chosen.Select(o => o!.LabelEn)));
                }

                if (f.Type == FieldType.Declaration)
                {
                    return new AnsweredField(f.Key, f.LabelJa, f.LabelEn, answers[f.Key] == "yes" ? "同意する" : "", answers[f.Key] == "yes" ? "Agreed" : "");
                }

                if (f.Type == FieldType.PostalAddress)
                {
                    string Part(string p) => answers.GetValueOrDefault(AddressPart.Key(f.Key, p)) ?? "";
                    var address = $"〒{PostalCode.Format(Part(AddressPart.PostalCode))} {Part(AddressPart.Prefecture)}{Part(AddressPart.City)}{Part(AddressPart.Town)}{Part(AddressPart.Street)}";
                    return new AnsweredField(f.Key, f.LabelJa, f.LabelEn, address, address);
                }

                var value = answers[f.Key];
                var option = f.OptionList.FirstOrDefault(o => o.Value == value);
                return f.Type switch
                {
                    FieldType.SingleChoice when option is not null => new AnsweredField(f.Key, f.LabelJa, f.LabelEn, option.LabelJa, option.LabelEn),
                    FieldType.YesNo => new AnsweredField(f.Key, f.LabelJa, f.LabelEn, value == "yes" ? "はい" : "いいえ", value == "yes" ? "Yes" : "No"),
                    FieldType.Phone => new AnsweredField(f.Key, f.LabelJa, f.LabelEn, PhoneNumber.Format(value), PhoneNumber.Format(value)),
                    FieldType.Date when DateOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var date) =>
                        new AnsweredField(f.Key, f.LabelJa, f.LabelEn, $"{Wareki.Format(date)}({date:yyyy-MM-dd})", date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)) { Date = date },
                    _ => new AnsweredField(f.Key, f.LabelJa, f.LabelEn, value, value),
                };
            })
            .ToList();
}

/// <summary>The fee of a case and where its payment stands.</summary>
public sealed record FeeLine(int? Yen, Domain.Cases.PaymentState State, string? Reference);

/// <summary>A file attached to a case, as listed to its owner and to staff.</summary>
public sealed record AttachmentLine(Guid Id, string FieldKey, string FileName, long Size);

/// <summary>One line of a case's history as shown to a person.</summary>
/// <summary>A line of a case's history as a page shows it; assignment and escalation lines keep the state (From == To).</summary>
public sealed record HistoryLine(DateTimeOffset At, Cases.StateLabel? From, Cases.StateLabel To, string Action, string? Comment, bool ByApplicant)
{
    public bool ChangedState => From is null || From.Code != To.Code;

    /// <summary>Staff side only: who acted (a colleague's name, or empty for someone outside the unit).</summary>
    public string? ActorName { get; init; }
}
