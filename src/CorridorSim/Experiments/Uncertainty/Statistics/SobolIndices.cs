namespace CorridorSim.Experiments;

/// <summary>
/// Sobol sensitivity indices from the outputs of a <see cref="SaltelliDesign"/>: first order
/// S1_i = mean(f(B)·(f(AB_i) − f(A)))/V (Saltelli et al. 2010) and total ST_i = mean((f(A) − f(AB_i))²)/2/V (Jansen 1999),
/// V the variance of f(A) and f(B) pooled (2N values, divisor 2N).
/// </summary>
internal static class SobolIndices
{
    /// <summary>The method name of the results: "sobol".</summary>
    internal const string Method = "sobol";

    /// <summary>
    /// The first-order and total indices of every input, with percentile bootstrap intervals: replicate b resamples the
    /// N base rows (the same rows of f(A), f(B) and every f(AB_i)) with replacement from stream (seed, "sobol-bootstrap",
    /// b), b = 0 … <paramref name="bootstrap"/> − 1, and recomputes V and the indices; the interval is the
    /// ((1 − c)/2, (1 + c)/2) type 7 quantiles of the replicates. Sums run in row order, so results are bit-identical.
    /// </summary>
    /// <remarks>
    /// An output that is constant over every run gives every index (and interval end) 0 with a <see cref="SensitivityResult.Note"/>:
    /// no input changes it. If f(A) and f(B) are constant but some f(AB_i) differ, V is 0 and the indices are undefined:
    /// they are NaN, with a note. A bootstrap resample whose V is 0 is left out of the intervals.
    /// The indices estimate shares of variance but are not clipped to [0, 1]; small negative values are sampling error.
    /// </remarks>
    /// <param name="yA">f(A), N ≥ 2 finite values in row order.</param>
    /// <param name="yB">f(B), N values.</param>
    /// <param name="yAB">f(AB_i) for each of the k ≥ 1 inputs, N values each.</param>
    /// <param name="bootstrap">The number of bootstrap replicates, 0 or more (0: NaN intervals).</param>
    /// <param name="seed">The study's master seed.</param>
    /// <param name="confidence">The intervals' confidence level, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">The arrays' lengths disagree, a value is not finite, or an argument is out of range.</exception>
    internal static SensitivityResult Estimate(
        double[] yA, double[] yB, double[][] yAB, int bootstrap, ulong seed, double confidence = 0.95)
    {
        Check(yA, yB, yAB);
        Bootstrap.CheckCount(bootstrap);
        Quantiles.CheckConfidence(confidence);
        int n = yA.Length;
        int k = yAB.Length;

        if (IsConstant(yA, yB, yAB))
        {
            var zeros = new SensitivityIndex[k];
            for (int i = 0; i < k; i++)
            {
                zeros[i] = new SensitivityIndex(i, 0, 0, 0) { Total = 0, TotalLow = 0, TotalHigh = 0 };
            }

            return new SensitivityResult(Method, zeros, double.NaN)
            {
                Note = "The output is the same in every run: no input changes it, so every index is 0.",
            };
        }

        int[] identity = new int[n];
        for (int r = 0; r < n; r++)
        {
            identity[r] = r;
        }

        var first = new double[k];
        var total = new double[k];
        if (!TryIndices(yA, yB, yAB, identity, first, total))
        {
            var undefined = new SensitivityIndex[k];
            for (int i = 0; i < k; i++)
            {
                undefined[i] = new SensitivityIndex(i, double.NaN, double.NaN, double.NaN);
            }

            return new SensitivityResult(Method, undefined, double.NaN)
            {
                Note = "f(A) and f(B) are constant while some f(AB_i) differ: the variance estimate is 0 and the indices are undefined; use more base samples.",
            };
        }

        var firstReplicates = new List<double>[k];
        var totalReplicates = new List<double>[k];
        for (int i = 0; i < k; i++)
        {
            firstReplicates[i] = new List<double>(bootstrap);
            totalReplicates[i] = new List<double>(bootstrap);
        }

        var bFirst = new double[k];
        var bTotal = new double[k];
        int kept = 0;
        for (int b = 0; b < bootstrap; b++)
        {
            int[] rows = Bootstrap.Resample(n, seed, "sobol-bootstrap", b);
            if (!TryIndices(yA, yB, yAB, rows, bFirst, bTotal))
            {
                continue;
            }

            kept++;
            for (int i = 0; i < k; i++)
            {
                firstReplicates[i].Add(bFirst[i]);
                totalReplicates[i].Add(bTotal[i]);
            }
        }

        var indices = new SensitivityIndex[k];
        for (int i = 0; i < k; i++)
        {
            (double low, double high) = Quantiles.PercentileInterval([.. firstReplicates[i]], confidence);
            (double tLow, double tHigh) = Quantiles.PercentileInterval([.. totalReplicates[i]], confidence);
            indices[i] = new SensitivityIndex(i, first[i], low, high) { Total = total[i], TotalLow = tLow, TotalHigh = tHigh };
        }

        return new SensitivityResult(Method, indices, double.NaN) { BootstrapReplicates = kept };
    }

    // The indices over the rows listed (with repeats); false when the pooled variance of f(A) and f(B) is 0.
    private static bool TryIndices(double[] yA, double[] yB, double[][] yAB, int[] rows, double[] first, double[] total)
    {
        int n = rows.Length;
        int k = yAB.Length;
        double sum = 0;
        foreach (int r in rows)
        {
            sum += yA[r];
            sum += yB[r];
        }

        double mean = sum / (2.0 * n);
        double squares = 0;
        foreach (int r in rows)
        {
            squares += (yA[r] - mean) * (yA[r] - mean);
            squares += (yB[r] - mean) * (yB[r] - mean);
        }

        double variance = squares / (2.0 * n);
        if (!(variance > 0))
        {
            return false;
        }

        for (int i = 0; i < k; i++)
        {
            double[] yi = yAB[i];
            double s1 = 0;
            double st = 0;
            foreach (int r in rows)
            {
                s1 += yB[r] * (yi[r] - yA[r]);
                st += (yA[r] - yi[r]) * (yA[r] - yi[r]);
            }

            first[i] = s1 / n / variance;
            total[i] = st / (2.0 * n) / variance;
        }

        return true;
    }

    private static bool IsConstant(double[] yA, double[] yB, double[][] yAB)
    {
        double v = yA[0];
        return yA.All(y => y == v) && yB.All(y => y == v) && yAB.All(block => block.All(y => y == v));
    }

    private static void Check(double[] yA, double[] yB, double[][] yAB)
    {
        ArgumentNullException.ThrowIfNull(yA);
        ArgumentNullException.ThrowIfNull(yB);
        ArgumentNullException.ThrowIfNull(yAB);
        int n = yA.Length;
        if (n < 2)
        {
            throw new ArgumentException($"Sobol indices need at least 2 base samples; f(A) has {n}.", nameof(yA));
        }

        if (yB.Length != n)
        {
            throw new ArgumentException($"f(B) must have as many values as f(A) ({n}); it has {yB.Length}.", nameof(yB));
        }

        if (yAB.Length == 0)
        {
            throw new ArgumentException("Sobol indices need f(AB_i) for at least one input; none were given.", nameof(yAB));
        }

        CheckFinite(yA, "f(A)", nameof(yA));
        CheckFinite(yB, "f(B)", nameof(yB));
        for (int i = 0; i < yAB.Length; i++)
        {
            if (yAB[i] is null || yAB[i].Length != n)
            {
                throw new ArgumentException(
                    $"f(AB_{i}) must have as many values as f(A) ({n}); it has {yAB[i]?.Length ?? 0}.", nameof(yAB));
            }

            CheckFinite(yAB[i], $"f(AB_{i})", nameof(yAB));
        }
    }

    private static void CheckFinite(double[] y, string what, string parameter)
    {
        for (int r = 0; r < y.Length; r++)
        {
            if (!double.IsFinite(y[r]))
            {
                throw new ArgumentException($"{what}[{r}] is {y[r]}; Sobol indices need finite outputs.", parameter);
            }
        }
    }
}
