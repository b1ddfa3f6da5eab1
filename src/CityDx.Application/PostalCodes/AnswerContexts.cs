using CityDx.Domain;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.PostalCodes;

/// <summary>
/// What a form's answers are checked against besides the form: today's JST date from the injected clock, and what the
/// postal data (KEN_ALL, the postal_addresses table) says about the postal codes typed in the answers. Every use case
/// that validates answers for keeps builds one here, so the checks of date ranges and of 郵便番号/住所 agreeing are the
/// same in the step flow, on submission, on resubmission and at the counter.
/// </summary>
public static class AnswerContexts
{
    /// <summary>Most distinct postal codes looked up for one set of answers (a form has few addresses; posted noise is ignored).</summary>
    private const int MaxCodes = 20;

    public static async Task<AnswerContext> AnswerContextAsync(this CityDxDbContext db, TimeProvider clock, IEnumerable<KeyValuePair<string, string?>> answers, CancellationToken cancellationToken)
    {
        var suffix = "." + AddressPart.PostalCode;
        var codes = answers
            .Where(a => a.Key.EndsWith(suffix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(a.Value))
            .Select(a => PostalCode.TryNormalize(TextNormalizer.ToHalfWidthAscii(a.Value!).Trim(), out var code, out _) ? code : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Take(MaxCodes)
            .ToList();
        var today = JapanTime.DateOf(clock.GetUtcNow());
        if (codes.Count == 0)
        {
            return new AnswerContext(today);
        }

        var rows = await db.PostalAddresses.AsNoTracking()
            .Where(a => codes.Contains(a.PostalCode))
            .Select(a => new { a.PostalCode, a.Prefecture, a.City })
            .Distinct()
            .ToListAsync(cancellationToken);
        var areas = rows.GroupBy(r => r.PostalCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PostalArea>)[.. g.Select(r => new PostalArea(r.Prefecture, r.City))], StringComparer.Ordinal);
        return new AnswerContext(today, areas);
    }
}
