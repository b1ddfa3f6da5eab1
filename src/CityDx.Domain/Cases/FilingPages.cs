using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;

namespace CityDx.Domain.Cases;

/// <summary>One page of the online filing flow: the applicant page (ward, proxy) or one step of the form.</summary>
public sealed record FilingPage(string Key, FormStep? Step)
{
    public bool IsApplicantPage => Step is null;
}

/// <summary>
/// The pages of an online filing, one question group per page: first the applicant page when the
/// procedure asks the citizen to choose a ward office or lets someone file for another person, then
/// each step of the form that is visible for the answers so far (a step whose condition is false, or
/// whose questions are all hidden, is skipped), then 確認 (check your answers).
/// </summary>
public sealed class FilingPages
{
    /// <summary>Key of the applicant page; form keys never start with '_', so it cannot clash with a step.</summary>
    public const string ApplicantKey = "_applicant";

    public FilingPages(Procedure procedure, FormDefinition definition, IReadOnlyDictionary<string, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);
        var pages = new List<FilingPage>();
        if (NeedsApplicantPage(procedure))
        {
            pages.Add(new FilingPage(ApplicantKey, null));
        }

        foreach (var step in definition.Steps)
        {
            if (definition.IsVisible(step, answers) && (step.Fields ?? []).Any(f => definition.IsVisible(f, answers)))
            {
                pages.Add(new FilingPage(step.Key, step));
            }
        }

        Pages = pages;
    }

    public IReadOnlyList<FilingPage> Pages { get; }

    public static bool NeedsApplicantPage(Procedure procedure) =>
        procedure.Routing == Routing.ChosenWard || procedure.Proxy != ProxyPolicy.NotAllowed;

    public FilingPage? Find(string key) => Pages.FirstOrDefault(p => p.Key == key);

    /// <summary>1-based position for "step n of m"; 0 when the page is not (or no longer) part of the flow.</summary>
    public int Number(string key)
    {
        for (var i = 0; i < Pages.Count; i++)
        {
            if (Pages[i].Key == key)
            {
                return i + 1;
            }
        }

        return 0;
    }

    public FilingPage? Previous(string key) => Number(key) is > 1 and var n ? Pages[n - 2] : null;

    /// <summary>
    /// Where to go after saving a page: the next page of the flow, or — when the citizen came from the
    /// check-answers page to change something — straight back, unless the change opened a page not yet
    /// completed. Null means the check-answers page.
    /// </summary>
    public FilingPage? Next(string key, IReadOnlyCollection<string> completed, bool returningToCheck)
    {
        if (returningToCheck)
        {
            return FirstIncomplete(completed);
        }

        var n = Number(key);
        return n > 0 && n < Pages.Count ? Pages[n] : FirstIncomplete(completed);
    }

    /// <summary>The first page not yet saved without errors; null when all are (the check-answers page may be shown).</summary>
    public FilingPage? FirstIncomplete(IReadOnlyCollection<string> completed) =>
        Pages.FirstOrDefault(p => !completed.Contains(p.Key));
}
