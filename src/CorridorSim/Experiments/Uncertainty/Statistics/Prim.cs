using System.Runtime.InteropServices;

namespace CorridorSim.Experiments;

/// <summary>
/// The Patient Rule Induction Method (Friedman &amp; Fisher 1999), as the EMA Workbench's <c>prim</c> uses it for scenario
/// discovery: find a box of input space where the points of interest (for example, target missed) are dense.
/// </summary>
internal static class Prim
{
    /// <summary>
    /// Peels, selects and pastes back a box. Peeling starts from the box of all points; at each step, for every input
    /// and each side, the slice below the type 7 α-quantile (or above the (1 − α)-quantile) of the points still in the
    /// box is a candidate, and the one giving the highest density is peeled (ties: fewer points removed, then the lower
    /// input, then the low side). Peeling stops when no candidate keeps support/n ≥ <paramref name="minSupport"/>, or when
    /// the density is 1 (no later box could be denser). The box chosen is the trajectory's highest density among those
    /// with coverage ≥ <paramref name="minCoverage"/> (ties: the higher coverage, that is the earlier step; step 0 always
    /// qualifies). Last, each restricted side in turn (inputs in order, low before high) is opened to ±∞ when that does
    /// not lower the density.
    /// </summary>
    /// <param name="x">The inputs, <c>[n][k]</c>, n ≥ 1, k ≥ 1, finite.</param>
    /// <param name="ofInterest">Whether each point is of interest, n values.</param>
    /// <param name="names">The k inputs' names.</param>
    /// <param name="peelAlpha">The share of the box peeled per step, in (0, 0.5).</param>
    /// <param name="minSupport">The smallest box, as a share of all points, in (0, 1].</param>
    /// <param name="minCoverage">The least coverage of the box chosen, in [0, 1].</param>
    /// <returns>The box; null when no point is of interest (there is nothing to find).</returns>
    /// <exception cref="ArgumentException">The shapes disagree, a value is not finite or an argument is out of range.</exception>
    internal static PrimBox? Find(
        double[][] x,
        bool[] ofInterest,
        IReadOnlyList<string> names,
        double peelAlpha = 0.05,
        double minSupport = 0.05,
        double minCoverage = 0.5)
    {
        int k = Check(x, ofInterest, names, peelAlpha, minSupport, minCoverage);
        int n = x.Length;
        int interestTotal = ofInterest.Count(b => b);
        if (interestTotal == 0)
        {
            return null;
        }

        var low = new double[k];
        var high = new double[k];
        Array.Fill(low, double.NegativeInfinity);
        Array.Fill(high, double.PositiveInfinity);
        var inBox = new bool[n];
        Array.Fill(inBox, true);
        int support = n;
        int interest = interestTotal;

        var trajectory = new List<PrimStep> { Step(0, low, high, names, support, interest, interestTotal) };
        var values = new List<double>(n);
        while (interest < support)
        {
            Candidate? best = null;
            for (int j = 0; j < k; j++)
            {
                values.Clear();
                for (int i = 0; i < n; i++)
                {
                    if (inBox[i])
                    {
                        values.Add(x[i][j]);
                    }
                }

                values.Sort();
                for (int side = 0; side < 2; side++)
                {
                    bool lowSide = side == 0;
                    double bound = Quantiles.OfSorted(CollectionsMarshal.AsSpan(values), lowSide ? peelAlpha : 1 - peelAlpha);
                    int removed = 0;
                    int removedInterest = 0;
                    for (int i = 0; i < n; i++)
                    {
                        if (inBox[i] && (lowSide ? x[i][j] < bound : x[i][j] > bound))
                        {
                            removed++;
                            removedInterest += ofInterest[i] ? 1 : 0;
                        }
                    }

                    int left = support - removed;
                    if (removed == 0 || (double)left / n < minSupport)
                    {
                        continue;
                    }

                    var candidate = new Candidate(j, lowSide, bound, removed, left, interest - removedInterest);
                    if (best is null || candidate.IsBetterThan(best))
                    {
                        best = candidate;
                    }
                }
            }

            if (best is null)
            {
                break;
            }

            if (best.LowSide)
            {
                low[best.Input] = best.Bound;
            }
            else
            {
                high[best.Input] = best.Bound;
            }

            for (int i = 0; i < n; i++)
            {
                if (inBox[i] && (best.LowSide ? x[i][best.Input] < best.Bound : x[i][best.Input] > best.Bound))
                {
                    inBox[i] = false;
                }
            }

            support -= best.Removed;
            interest = best.InterestLeft;
            trajectory.Add(Step(trajectory.Count, low, high, names, support, interest, interestTotal));
        }

        PrimStep chosen = trajectory[0];
        foreach (PrimStep step in trajectory)
        {
            if (step.Coverage >= minCoverage && step.Density > chosen.Density)
            {
                chosen = step;
            }
        }

        (double[] bLow, double[] bHigh) = Bounds(chosen, k);
        (int bSupport, int bInterest) = Count(x, ofInterest, bLow, bHigh);
        for (int j = 0; j < k; j++)
        {
            for (int side = 0; side < 2; side++)
            {
                double[] limits = side == 0 ? bLow : bHigh;
                double open = side == 0 ? double.NegativeInfinity : double.PositiveInfinity;
                if (limits[j] == open)
                {
                    continue;
                }

                double kept = limits[j];
                limits[j] = open;
                (int s, int i) = Count(x, ofInterest, bLow, bHigh);

                // Density i/s ≥ bInterest/bSupport, compared exactly in integers.
                if ((long)i * bSupport >= (long)bInterest * s)
                {
                    (bSupport, bInterest) = (s, i);
                }
                else
                {
                    limits[j] = kept;
                }
            }
        }

        PrimStep final = Step(chosen.Step, bLow, bHigh, names, bSupport, bInterest, interestTotal);
        return new PrimBox(final.Limits, final.Coverage, final.Density, final.Support, trajectory) { Step = chosen.Step };
    }

    private sealed record Candidate(int Input, bool LowSide, double Bound, int Removed, int Left, int InterestLeft)
    {
        // Higher density (InterestLeft / Left, compared exactly), then fewer points removed; earlier candidates (lower
        // input, low side) win the remaining ties because they were seen first.
        internal bool IsBetterThan(Candidate other)
        {
            long mine = (long)InterestLeft * other.Left;
            long theirs = (long)other.InterestLeft * Left;
            return mine != theirs ? mine > theirs : Removed < other.Removed;
        }
    }

    private static PrimStep Step(
        int step, double[] low, double[] high, IReadOnlyList<string> names, int support, int interest, int interestTotal)
    {
        var limits = new List<PrimLimit>();
        for (int j = 0; j < low.Length; j++)
        {
            if (!double.IsNegativeInfinity(low[j]) || !double.IsPositiveInfinity(high[j]))
            {
                limits.Add(new PrimLimit(j, names[j], low[j], high[j]));
            }
        }

        return new PrimStep(step, (double)interest / interestTotal, (double)interest / support, support, limits);
    }

    private static (double[] Low, double[] High) Bounds(PrimStep step, int k)
    {
        var low = new double[k];
        var high = new double[k];
        Array.Fill(low, double.NegativeInfinity);
        Array.Fill(high, double.PositiveInfinity);
        foreach (PrimLimit limit in step.Limits)
        {
            low[limit.Input] = limit.Low;
            high[limit.Input] = limit.High;
        }

        return (low, high);
    }

    private static (int Support, int Interest) Count(double[][] x, bool[] ofInterest, double[] low, double[] high)
    {
        int support = 0;
        int interest = 0;
        for (int i = 0; i < x.Length; i++)
        {
            bool inside = true;
            for (int j = 0; j < low.Length && inside; j++)
            {
                inside = x[i][j] >= low[j] && x[i][j] <= high[j];
            }

            if (inside)
            {
                support++;
                interest += ofInterest[i] ? 1 : 0;
            }
        }

        return (support, interest);
    }

    private static int Check(
        double[][] x, bool[] ofInterest, IReadOnlyList<string> names, double peelAlpha, double minSupport, double minCoverage)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ofInterest);
        ArgumentNullException.ThrowIfNull(names);
        int n = x.Length;
        if (n == 0 || x[0] is null || x[0].Length == 0)
        {
            throw new ArgumentException("PRIM needs at least one point with at least one input.", nameof(x));
        }

        int k = x[0].Length;
        if (ofInterest.Length != n)
        {
            throw new ArgumentException($"ofInterest must have one flag per point ({n}); it has {ofInterest.Length}.", nameof(ofInterest));
        }

        if (names.Count != k)
        {
            throw new ArgumentException($"names must have one name per input ({k}); it has {names.Count}.", nameof(names));
        }

        for (int i = 0; i < n; i++)
        {
            if (x[i] is null || x[i].Length != k)
            {
                throw new ArgumentException($"Point {i} has {x[i]?.Length ?? 0} inputs; every point needs {k}.", nameof(x));
            }

            for (int j = 0; j < k; j++)
            {
                if (!double.IsFinite(x[i][j]))
                {
                    throw new ArgumentException($"x[{i}][{j}] is {x[i][j]}; PRIM needs finite inputs.", nameof(x));
                }
            }
        }

        if (!(peelAlpha > 0 && peelAlpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(peelAlpha), peelAlpha, $"peelAlpha must be in (0, 0.5); it is {peelAlpha}.");
        }

        if (!(minSupport > 0 && minSupport <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minSupport), minSupport, $"minSupport must be in (0, 1]; it is {minSupport}.");
        }

        if (!(minCoverage >= 0 && minCoverage <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minCoverage), minCoverage, $"minCoverage must be in [0, 1]; it is {minCoverage}.");
        }

        return k;
    }
}
