namespace CityDx.Domain.Statistics;

/// <summary>Percentiles of a histogram of whole numbers (e.g. business days to a decision), by the nearest-rank method.</summary>
public static class Percentiles
{
    /// <summary>
    /// The smallest value whose cumulative count reaches ⌈p × N⌉ (p in (0, 1]); null for an empty histogram.
    /// The median of 1, 2, 3, 4 is 2, its 90th percentile 4.
    /// </summary>
    public static int? Of(IEnumerable<(int Value, long Count)> histogram, double p)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var sorted = histogram.Where(h => h.Count > 0).GroupBy(h => h.Value).Select(g => (Value: g.Key, Count: g.Sum(h => h.Count))).OrderBy(h => h.Value).ToList();
        var total = sorted.Sum(h => h.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * total);
        long cumulative = 0;
        foreach (var (value, count) in sorted)
        {
            cumulative += count;
            if (cumulative >= rank)
            {
                return value;
            }
        }

        return sorted[^1].Value;
    }
}
