namespace CorridorSim.Experiments;

/// <summary>
/// Standardised rank regression coefficients (Iman &amp; Conover 1979; Saltelli et al. 2004, §5.2): the least-squares
/// coefficients of the standardised ranks of the output on the standardised ranks of the inputs.
/// </summary>
internal static class RankRegression
{
    /// <summary>The method name of the results: "srrc".</summary>
    internal const string Method = "srrc";

    // A pivot of the rank correlation matrix below this means an input's ranks are (almost) a linear combination of
    // the others', so the coefficients are not identifiable.
    private const double CollinearPivot = 1e-10;

    /// <summary>
    /// The SRRC of every input and the R² of the rank model, with percentile bootstrap intervals. Each column of
    /// <paramref name="x"/> and <paramref name="y"/> is rank-transformed (1 … n, ties get their average rank) and
    /// standardised; the coefficients β solve R_xx·β = r_xy (R_xx the inputs' rank correlations, r_xy their
    /// correlations with the output's ranks) by Cholesky, and R² = β·r_xy. Replicate b resamples the n rows with
    /// replacement from stream (seed, "srrc-bootstrap", b), re-ranks and refits; a resample that is degenerate
    /// (a constant column or collinear ranks) is left out.
    /// </summary>
    /// <remarks>
    /// An output that is the same in every sample gives every coefficient (and interval end) 0, R² NaN and a
    /// <see cref="SensitivityResult.Note"/>: no input changes it. A constant or collinear input is an error, since its
    /// coefficient is not defined.
    /// </remarks>
    /// <param name="x">The inputs, <c>[n][k]</c> (one row per sample, k ≥ 1 columns), finite.</param>
    /// <param name="y">The output, n finite values, n &gt; k + 1.</param>
    /// <param name="bootstrap">The number of bootstrap replicates, 0 or more (0: NaN intervals).</param>
    /// <param name="seed">The study's master seed.</param>
    /// <param name="confidence">The intervals' confidence level, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">
    /// The shapes disagree, n ≤ k + 1, a value is not finite, an input is constant or collinear with others, or an
    /// argument is out of range.
    /// </exception>
    internal static SensitivityResult Srrc(double[][] x, double[] y, int bootstrap, ulong seed, double confidence = 0.95)
    {
        int k = Check(x, y);
        Bootstrap.CheckCount(bootstrap);
        Quantiles.CheckConfidence(confidence);
        int n = y.Length;

        if (y.All(v => v == y[0]))
        {
            var zeros = new SensitivityIndex[k];
            for (int j = 0; j < k; j++)
            {
                zeros[j] = new SensitivityIndex(j, 0, 0, 0);
            }

            return new SensitivityResult(Method, zeros, double.NaN)
            {
                Note = "The output is the same in every sample: no input changes it, so every coefficient is 0.",
            };
        }

        int[] identity = new int[n];
        for (int r = 0; r < n; r++)
        {
            identity[r] = r;
        }

        var beta = new double[k];
        Fit fit = TryFit(x, y, identity, beta, out double rSquared);
        if (fit == Fit.ConstantInput)
        {
            int j = Enumerable.Range(0, k).First(c => x.All(row => row[c] == x[0][c]));
            throw new ArgumentException($"Input {j} has the same value in every sample; its rank coefficient is undefined.", nameof(x));
        }

        if (fit == Fit.Collinear)
        {
            throw new ArgumentException(
                "The inputs' ranks are collinear (one is a linear combination of others); the rank coefficients are not identifiable.", nameof(x));
        }

        var replicates = new List<double>[k];
        for (int j = 0; j < k; j++)
        {
            replicates[j] = new List<double>(bootstrap);
        }

        var bBeta = new double[k];
        int kept = 0;
        for (int b = 0; b < bootstrap; b++)
        {
            int[] rows = Bootstrap.Resample(n, seed, "srrc-bootstrap", b);
            if (TryFit(x, y, rows, bBeta, out _) != Fit.Ok)
            {
                continue;
            }

            kept++;
            for (int j = 0; j < k; j++)
            {
                replicates[j].Add(bBeta[j]);
            }
        }

        var indices = new SensitivityIndex[k];
        for (int j = 0; j < k; j++)
        {
            (double low, double high) = Quantiles.PercentileInterval([.. replicates[j]], confidence);
            indices[j] = new SensitivityIndex(j, beta[j], low, high);
        }

        return new SensitivityResult(Method, indices, rSquared) { BootstrapReplicates = kept };
    }

    /// <summary>
    /// The ranks 1 … n of <paramref name="values"/>, ties given the average of the ranks they span (ordering by value,
    /// then by position, so the result does not depend on the sort's stability).
    /// </summary>
    internal static double[] Ranks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int c = values[a].CompareTo(values[b]);
            return c != 0 ? c : a.CompareTo(b);
        });

        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]])
            {
                end++;
            }

            // Positions start … end − 1 hold equal values: ranks start + 1 … end, whose average is (start + 1 + end)/2.
            double rank = (start + 1 + end) / 2.0;
            for (int t = start; t < end; t++)
            {
                ranks[order[t]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    private enum Fit
    {
        Ok,
        ConstantOutput,
        ConstantInput,
        Collinear,
    }

    private static Fit TryFit(double[][] x, double[] y, int[] rows, double[] beta, out double rSquared)
    {
        rSquared = double.NaN;
        int n = rows.Length;
        int k = beta.Length;
        double[]? zy = StandardisedRanks(rows.Select(r => y[r]).ToArray());
        if (zy is null)
        {
            return Fit.ConstantOutput;
        }

        var z = new double[k][];
        for (int j = 0; j < k; j++)
        {
            double[]? zj = StandardisedRanks(rows.Select(r => x[r][j]).ToArray());
            if (zj is null)
            {
                return Fit.ConstantInput;
            }

            z[j] = zj;
        }

        // Correlations of standardised ranks: Σ z_a z_b / (n − 1).
        var rxx = new double[k, k];
        var rxy = new double[k];
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int t = 0; t < n; t++)
                {
                    s += z[a][t] * z[b][t];
                }

                rxx[a, b] = s / (n - 1);
                rxx[b, a] = rxx[a, b];
            }

            double sy = 0;
            for (int t = 0; t < n; t++)
            {
                sy += z[a][t] * zy[t];
            }

            rxy[a] = sy / (n - 1);
        }

        if (!TryCholeskySolve(rxx, rxy, beta))
        {
            return Fit.Collinear;
        }

        double r2 = 0;
        for (int a = 0; a < k; a++)
        {
            r2 += beta[a] * rxy[a];
        }

        rSquared = r2;
        return Fit.Ok;
    }

    // (rank − mean)/sd with sd of divisor n − 1; null when every value is equal.
    private static double[]? StandardisedRanks(double[] values)
    {
        double[] ranks = Ranks(values);
        int n = ranks.Length;
        double sum = 0;
        foreach (double r in ranks)
        {
            sum += r;
        }

        double mean = sum / n;
        double squares = 0;
        foreach (double r in ranks)
        {
            squares += (r - mean) * (r - mean);
        }

        if (!(squares > 0))
        {
            return null;
        }

        double sd = Math.Sqrt(squares / (n - 1));
        for (int t = 0; t < n; t++)
        {
            ranks[t] = (ranks[t] - mean) / sd;
        }

        return ranks;
    }

    // Solves M·β = v for a symmetric positive-definite M by Cholesky (M = L·Lᵀ); false when a pivot is below CollinearPivot.
    private static bool TryCholeskySolve(double[,] m, double[] v, double[] beta)
    {
        int k = v.Length;
        var l = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = m[i, j];
                for (int t = 0; t < j; t++)
                {
                    s -= l[i, t] * l[j, t];
                }

                if (i == j)
                {
                    if (!(s > CollinearPivot))
                    {
                        return false;
                    }

                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, j] = s / l[j, j];
                }
            }
        }

        var w = new double[k];
        for (int i = 0; i < k; i++)
        {
            double s = v[i];
            for (int t = 0; t < i; t++)
            {
                s -= l[i, t] * w[t];
            }

            w[i] = s / l[i, i];
        }

        for (int i = k - 1; i >= 0; i--)
        {
            double s = w[i];
            for (int t = i + 1; t < k; t++)
            {
                s -= l[t, i] * beta[t];
            }

            beta[i] = s / l[i, i];
        }

        return true;
    }

    private static int Check(double[][] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = y.Length;
        if (x.Length != n)
        {
            throw new ArgumentException($"x must have one row per output value ({n}); it has {x.Length}.", nameof(x));
        }

        int k = n == 0 ? 0 : x[0]?.Length ?? 0;
        if (k < 1)
        {
            throw new ArgumentException("Rank regression needs at least one sample and one input column.", nameof(x));
        }

        if (n <= k + 1)
        {
            throw new ArgumentException($"Rank regression on {k} inputs needs more than k + 1 = {k + 1} samples; it has {n}.", nameof(y));
        }

        for (int r = 0; r < n; r++)
        {
            if (x[r] is null || x[r].Length != k)
            {
                throw new ArgumentException($"Row {r} of x has {x[r]?.Length ?? 0} values; every row needs {k}.", nameof(x));
            }

            for (int j = 0; j < k; j++)
            {
                if (!double.IsFinite(x[r][j]))
                {
                    throw new ArgumentException($"x[{r}][{j}] is {x[r][j]}; rank regression needs finite inputs.", nameof(x));
                }
            }

            if (!double.IsFinite(y[r]))
            {
                throw new ArgumentException($"y[{r}] is {y[r]}; rank regression needs finite outputs.", nameof(y));
            }
        }

        return k;
    }
}
