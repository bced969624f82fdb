namespace CorridorSim.Engine;

/// <summary>
/// A frozen copy of a binned tally's histogram (its non-empty bins only), which merges with copies of tallies of the
/// same accuracy: the percentiles of the merged copy are those of one tally that saw every observation.
/// </summary>
internal sealed class BinnedCounts
{
    private readonly int _shift;
    private readonly long _firstKey;
    private readonly long _zeros;
    private readonly int[] _index;
    private readonly long[] _counts;

    internal BinnedCounts(int shift, long firstKey, long zeros, int[] index, long[] counts, long count, double min, double max)
    {
        _shift = shift;
        _firstKey = firstKey;
        _zeros = zeros;
        _index = index;
        _counts = counts;
        Count = count;
        Min = min;
        Max = max;
    }

    /// <summary>The bin accuracy (a copy's state, with <see cref="FirstKey"/>, <see cref="Zeros"/>, <see cref="Index"/> and <see cref="Counts"/>, so records can be stored and read back exactly).</summary>
    internal int Shift => _shift;

    /// <summary>The key of the first bin.</summary>
    internal long FirstKey => _firstKey;

    /// <summary>Observations of zero.</summary>
    internal long Zeros => _zeros;

    /// <summary>The non-empty bins' indices.</summary>
    internal IReadOnlyList<int> Index => _index;

    /// <summary>The non-empty bins' counts.</summary>
    internal IReadOnlyList<long> Counts => _counts;

    /// <summary>The number of observations.</summary>
    public long Count { get; }

    /// <summary>The smallest observation.</summary>
    public double Min { get; }

    /// <summary>The largest observation.</summary>
    public double Max { get; }

    /// <summary>The pooled histogram of <paramref name="parts"/> (nulls and empty parts left out); null when nothing is left.</summary>
    /// <exception cref="ArgumentException">The parts were binned at different accuracies.</exception>
    public static BinnedCounts? Merge(IEnumerable<BinnedCounts?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        BinnedCounts[] p = parts.Where(x => x is { Count: > 0 }).ToArray()!;
        if (p.Length == 0)
        {
            return null;
        }

        if (p.Any(x => x._shift != p[0]._shift))
        {
            throw new ArgumentException("Histograms of different accuracies cannot be merged.", nameof(parts));
        }

        var bins = new SortedDictionary<int, long>();
        foreach (BinnedCounts part in p)
        {
            for (int i = 0; i < part._index.Length; i++)
            {
                bins[part._index[i]] = bins.GetValueOrDefault(part._index[i]) + part._counts[i];
            }
        }

        return new BinnedCounts(
            p[0]._shift, p[0]._firstKey, p.Sum(x => x._zeros), [.. bins.Keys], [.. bins.Values], p.Sum(x => x.Count),
            p.Min(x => x.Min), p.Max(x => x.Max));
    }

    /// <summary>The <paramref name="q"/>-quantile by the rule of <see cref="Tally.Percentile"/> on a binned tally.</summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The probability must lie in [0, 1].");
        }

        return Math.Clamp(LogHistogram.Quantile(q, Count, _zeros, _index, _counts, _shift, _firstKey), Min, Max);
    }
}
