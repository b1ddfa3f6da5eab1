using CityDx.Domain.Cases;

namespace CityDx.Domain.Forms;

/// <summary>
/// A form version could not be published because <see cref="FormChecks"/> found problems; code "Form.PublishProblems".
/// <see cref="Problems"/> lists them all (see <see cref="FormProblemMessages"/> for words).
/// </summary>
public sealed class FormPublishException(IReadOnlyList<FormProblem> problems)
    : DomainRuleException(CodeValue, $"The form cannot be published: {problems.Count} problem(s): {string.Join(", ", problems.Select(p => p.Code).Distinct())}.")
{
    public const string CodeValue = "Form.PublishProblems";

    public IReadOnlyList<FormProblem> Problems { get; } = problems;
}
