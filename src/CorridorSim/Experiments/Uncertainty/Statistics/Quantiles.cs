namespace CorridorSim.Experiments;

/// <summary>
/// Sample quantiles by Hyndman &amp; Fan (1996) type 7: with the n values sorted as x(0) ≤ … ≤ x(n−1) and h = (n − 1)·p,
/// Q(p) = x(⌊h⌋) + (h − ⌊h⌋)·(x(⌊h⌋ + 1) − x(⌊h⌋)), the rule <see cref="Estimate"/> uses for its percentiles.
/// </summary>
internal static class Quantiles
{
    /// <summary>The type 7 quantile Q(p) of <paramref name="values"/> (any order; the list is not changed).</summary>
    /// <param name="values">At least one value, none NaN (infinities are allowed).</param>
    /// <param name="p">The probability, in [0, 1].</param>
    /// <exception cref="ArgumentException">The list is empty, holds a NaN, or <paramref name="p"/> is outside [0, 1].</exception>
    internal static double Of(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckProbability(p);
        if (values.Count == 0)
        {
            throw new ArgumentException("A quantile needs at least one value; the list is empty.", nameof(values));
        }

        var sorted = new double[values.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            double v = values[i];
            if (double.IsNaN(v))
            {
                throw new ArgumentException($"values[{i}] is NaN; a quantile needs NaN-free values.", nameof(values));
            }

            sorted[i] = v;
        }

        Array.Sort(sorted);
        return OfSorted(sorted, p);
    }

    /// <summary>The type 7 quantile of values already sorted ascending (not checked), at least one, p in [0, 1].</summary>
    internal static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lower = (int)Math.Floor(h);
        if (lower >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        double fraction = h - lower;
        return fraction == 0 ? sorted[lower] : sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower]));
    }

    /// <summary>
    /// The two-sided percentile interval (Q((1 − c)/2), Q((1 + c)/2)) of bootstrap replicates, c the confidence level;
    /// NaN ends when there are no replicates. The array is sorted in place.
    /// </summary>
    internal static (double Low, double High) PercentileInterval(double[] replicates, double confidence)
    {
        if (replicates.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        Array.Sort(replicates);
        double tail = (1 - confidence) / 2;
        return (OfSorted(replicates, tail), OfSorted(replicates, 1 - tail));
    }

    /// <summary>Throws unless <paramref name="p"/> is a probability in [0, 1].</summary>
    internal static void CheckProbability(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"The probability p must be in [0, 1]; it is {p}.");
        }
    }

    /// <summary>Throws unless <paramref name="confidence"/> is a confidence level strictly between 0 and 1.</summary>
    internal static void CheckConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(confidence), confidence, $"The confidence level must be strictly between 0 and 1 (0.95 for 95 %); it is {confidence}.");
        }
    }
}
