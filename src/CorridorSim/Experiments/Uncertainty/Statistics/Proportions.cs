using MathNet.Numerics.Distributions;

namespace CorridorSim.Experiments;

/// <summary>
/// Confidence intervals for a binomial proportion p from x successes in n trials: Wilson's score interval (1927) and the
/// exact Clopper–Pearson interval (1934).
/// </summary>
internal static class Proportions
{
    /// <summary>
    /// Wilson's score interval: with p̂ = x/n and z = Φ⁻¹((1 + c)/2),
    /// (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n); Low is exactly 0 at x = 0 and High exactly 1 at x = n.
    /// </summary>
    /// <param name="successes">x, in [0, n].</param>
    /// <param name="n">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level c, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">An argument is outside its range.</exception>
    internal static (double Low, double High) Wilson(int successes, int n, double confidence = 0.95)
    {
        Check(successes, n, confidence);
        double z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
        double p = (double)successes / n;
        double z2 = z * z;
        double denominator = 1 + (z2 / n);
        double centre = (p + (z2 / (2.0 * n))) / denominator;
        double half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        double low = successes == 0 ? 0 : Math.Max(0, centre - half);
        double high = successes == n ? 1 : Math.Min(1, centre + half);
        return (low, high);
    }

    /// <summary>
    /// The exact (Clopper–Pearson) interval from Beta quantiles, α = 1 − c:
    /// Low = B⁻¹(α/2; x, n − x + 1) (0 at x = 0), High = B⁻¹(1 − α/2; x + 1, n − x) (1 at x = n).
    /// </summary>
    /// <param name="successes">x, in [0, n].</param>
    /// <param name="n">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level c, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">An argument is outside its range.</exception>
    internal static (double Low, double High) ClopperPearson(int successes, int n, double confidence = 0.95)
    {
        Check(successes, n, confidence);
        double alpha = 1 - confidence;
        double low = successes == 0 ? 0 : Beta.InvCDF(successes, n - successes + 1, alpha / 2);
        double high = successes == n ? 1 : Beta.InvCDF(successes + 1, n - successes, 1 - (alpha / 2));
        return (low, high);
    }

    private static void Check(int successes, int n, double confidence)
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"A proportion needs at least one trial; n is {n}.");
        }

        if (successes < 0 || successes > n)
        {
            throw new ArgumentOutOfRangeException(
                nameof(successes), successes, $"The number of successes must be in [0, n] = [0, {n}]; it is {successes}.");
        }

        Quantiles.CheckConfidence(confidence);
    }
}
