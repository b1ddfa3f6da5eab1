using CityDx.Domain.Forms;

namespace CityDx.Web.Pages.Shared;

/// <summary>
/// What the answer-field partial needs: the question, all answers typed so far (a compound field
/// reads several), the errors by answer key, and a status line for the address lookup.
/// </summary>
public sealed record AnswerInput(FormField Field, IReadOnlyDictionary<string, string?> Answers, IReadOnlyDictionary<string, string> Errors, string? Status = null)
{
    public string? Value(string? part = null) => Answers.GetValueOrDefault(part is null ? Field.Key : $"{Field.Key}.{part}");

    public string? Error(string? part = null) => Errors.GetValueOrDefault(part is null ? Field.Key : $"{Field.Key}.{part}");

    public string? FirstError => Errors.Where(e => e.Key == Field.Key || e.Key.StartsWith(Field.Key + ".", StringComparison.Ordinal)).Select(e => e.Value).FirstOrDefault();
}
