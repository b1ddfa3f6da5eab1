using CityDx.Domain.Forms;

namespace CityDx.Web.Pages.Shared;

/// <summary>What the answer-field partial needs: the question, the current answer and its error.</summary>
public sealed record AnswerInput(FormField Field, string? Value, string? Error);
