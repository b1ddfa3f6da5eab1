namespace CityDx.Domain.Cases;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> is a stable key that the UI turns into a
/// message in the user's language; it never carries personal data.
/// </summary>
public class DomainRuleException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
