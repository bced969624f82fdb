namespace CorridorSim.Experiments;

/// <summary>
/// The law of total variance estimated from a one-way random-effects layout (m samples × R replications): the
/// ANOVA estimators σ̂²_aleatory = mean of the within-sample variances and σ̂²_epistemic = s²(sample means) − σ̂²_aleatory/R
/// (Searle, Casella &amp; McCulloch 1992, §3.5), floored at 0.
/// </summary>
internal static class VarianceDecomposition
{
    /// <summary>
    /// Splits the variance of replications grouped by sample: Aleatory = (1/m)·Σ_g s²_g (divisor R − 1),
    /// Epistemic = max(0, s²(ȳ_g) − Aleatory/R) (divisor m − 1), Total = Epistemic + Aleatory, share = Epistemic/Total.
    /// </summary>
    /// <remarks>
    /// With R = 1 the noise cannot be told from the inputs' effect: Aleatory and EpistemicShare are NaN and Total =
    /// Epistemic = the variance of the m values (divisor m − 1), an upper bound of the epistemic part. Sums run in the
    /// order given, so the result is bit-identical for the same input.
    /// </remarks>
    /// <param name="groups">m ≥ 2 samples, each with the same number R ≥ 1 of finite replication values.</param>
    /// <exception cref="ArgumentException">Fewer than 2 groups, an empty group, unequal group sizes or a non-finite value.</exception>
    internal static VarianceShare Of(IReadOnlyList<IReadOnlyList<double>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        int m = groups.Count;
        if (m < 2)
        {
            throw new ArgumentException($"A variance decomposition needs at least 2 samples; it has {m}.", nameof(groups));
        }

        int replications = groups[0]?.Count ?? 0;
        if (replications < 1)
        {
            throw new ArgumentException("Every sample needs at least one replication; sample 0 has none.", nameof(groups));
        }

        var means = new double[m];
        double withinSum = 0;
        for (int g = 0; g < m; g++)
        {
            IReadOnlyList<double>? group = groups[g];
            if (group is null || group.Count != replications)
            {
                throw new ArgumentException(
                    $"Every sample needs the same number of replications ({replications}, as sample 0); sample {g} has {group?.Count ?? 0}.",
                    nameof(groups));
            }

            double sum = 0;
            for (int r = 0; r < replications; r++)
            {
                double v = group[r];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"Sample {g}, replication {r} is {v}; the values must be finite.", nameof(groups));
                }

                sum += v;
            }

            double mean = sum / replications;
            means[g] = mean;
            if (replications > 1)
            {
                double squares = 0;
                for (int r = 0; r < replications; r++)
                {
                    squares += (group[r] - mean) * (group[r] - mean);
                }

                withinSum += squares / (replications - 1);
            }
        }

        double between = SampleVariance(means);
        if (replications == 1)
        {
            return new VarianceShare(between, between, double.NaN, double.NaN);
        }

        double aleatory = withinSum / m;
        double epistemic = Math.Max(0, between - (aleatory / replications));
        double total = epistemic + aleatory;
        return new VarianceShare(total, epistemic, aleatory, total > 0 ? epistemic / total : double.NaN);
    }

    private static double SampleVariance(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return squares / (values.Length - 1);
    }
}
