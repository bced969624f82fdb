using MathNet.Numerics.Distributions;

namespace CorridorSim.Experiments;

/// <summary>
/// A quantity estimated across replications: one observation per replication, in replication-index order.
/// Observations that are NaN (for example the transit time of a replication that delivered nothing) are left out.
/// </summary>
public sealed record Estimate
{
    /// <summary>The mean of the observations; NaN when there are none.</summary>
    public required double Mean { get; init; }

    /// <summary>
    /// Lower end of the 95% confidence interval of the mean: mean − t(0.975, n − 1) · s / √n, with Student's t
    /// quantile (MathNet <c>StudentT.InvCDF</c>). With one observation the interval collapses to the mean.
    /// </summary>
    public required double Ci95Low { get; init; }

    /// <summary>Upper end of the 95% confidence interval of the mean (see <see cref="Ci95Low"/>).</summary>
    public required double Ci95High { get; init; }

    /// <summary>10th percentile of the observations (linear interpolation between order statistics, Hyndman–Fan type 7).</summary>
    public required double P10 { get; init; }

    /// <summary>90th percentile of the observations (as <see cref="P10"/>).</summary>
    public required double P90 { get; init; }

    /// <summary>Sample standard deviation (divisor n − 1); 0 with one observation, NaN with none.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>The number of observations (replications with a finite value).</summary>
    public required int Count { get; init; }

    /// <summary>
    /// Estimates from observations given in replication-index order; the sums run sequentially in that order, so
    /// the result is bit-identical however the replications were scheduled.
    /// </summary>
    internal static Estimate Of(IEnumerable<double> observations)
    {
        List<double> x = observations.Where(double.IsFinite).ToList();
        int n = x.Count;
        if (n == 0)
        {
            return new Estimate
            {
                Mean = double.NaN, Ci95Low = double.NaN, Ci95High = double.NaN,
                P10 = double.NaN, P90 = double.NaN, StandardDeviation = double.NaN, Count = 0,
            };
        }

        double sum = 0;
        foreach (double v in x)
        {
            sum += v;
        }

        double mean = sum / n;
        double squares = 0;
        foreach (double v in x)
        {
            squares += (v - mean) * (v - mean);
        }

        double sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        double half = n > 1 && sd > 0 ? StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n) : 0;
        x.Sort();
        return new Estimate
        {
            Mean = mean,
            Ci95Low = mean - half,
            Ci95High = mean + half,
            P10 = Quantiles.OfSorted(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(x), 0.10),
            P90 = Quantiles.OfSorted(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(x), 0.90),
            StandardDeviation = sd,
            Count = n,
        };
    }

    /// <summary>The mean of the finite observations, summed in the order given; NaN when there are none.</summary>
    internal static double MeanOf(IEnumerable<double> observations)
    {
        double sum = 0;
        int n = 0;
        foreach (double v in observations)
        {
            if (double.IsFinite(v))
            {
                sum += v;
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
