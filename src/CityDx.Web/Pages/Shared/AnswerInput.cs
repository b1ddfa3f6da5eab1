using CityDx.Domain.Forms;

namespace CityDx.Web.Pages.Shared;

/// <summary>
/// What the answer-field partial needs: the question, all answers typed so far (a compound field
/// reads several), the errors by answer key, and a status line for the address lookup.
/// </summary>
public sealed record AnswerInput(FormField Field, IReadOnlyDictionary<string, string?> Answers, IReadOnlyDictionary<string, string> Errors, string? Status = null, string? ShownWhenQuestion = null)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The show-when rule as the browser script reads it (the server evaluates the same data).</summary>
    public static string? RuleJson(Condition? condition) => condition is null ? null : System.Text.Json.JsonSerializer.Serialize(condition, Json);

    public string? Value(string? part = null) => Answers.GetValueOrDefault(part is null ? Field.Key : $"{Field.Key}.{part}");

    public string? Error(string? part = null) => Errors.GetValueOrDefault(part is null ? Field.Key : $"{Field.Key}.{part}");

    /// <summary>Rows of a repeating group to show: the posted count, else the rows answered, at least its minimum (and one).</summary>
    public int RowCount()
    {
        if (int.TryParse(Value(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var posted) && posted > 0)
        {
            return Math.Min(posted, Field.MaxRows ?? FormDefinition.RowLimit);
        }

        var answered = 0;
        while (Answers.Keys.Any(k => k.StartsWith(GroupRow.Prefix(Field.Key, answered), StringComparison.Ordinal)))
        {
            answered++;
        }

        return Math.Max(answered, Math.Max(Field.MinRows ?? 1, 1));
    }

    public string? FirstError => Errors.Where(e => e.Key == Field.Key || e.Key.StartsWith(Field.Key + ".", StringComparison.Ordinal)).Select(e => e.Value).FirstOrDefault();
}

/// <summary>What the 代理申請 partial needs: the procedure's policy, the choice made, the answers and errors, and files saved earlier.</summary>
public sealed record ProxyFieldsInput(
    CityDx.Domain.Procedures.ProxyPolicy Policy,
    string? Filer,
    IReadOnlyDictionary<string, string?> Answers,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<CityDx.Application.Applications.AnswerStep.SavedFile> Files);
