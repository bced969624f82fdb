using CorridorSim.Engine;

namespace CorridorSim.Experiments;

/// <summary>
/// Latin hypercube samples (McKay, Beckman &amp; Conover, 1979): N points in (0, 1)^k such that every input's column
/// has exactly one point in each stratum [s/N, (s + 1)/N), s = 0 … N − 1.
/// </summary>
internal static class LatinHypercube
{
    /// <summary>
    /// A Latin hypercube of <paramref name="samples"/> points over the named inputs, as <c>double[samples][inputs]</c>.
    /// </summary>
    /// <remarks>
    /// Column j depends only on (<paramref name="seed"/>, name j, <paramref name="samples"/>): its stratum permutation is
    /// a Fisher–Yates shuffle of 0 … N − 1 (for i = N − 1 down to 1, swap i with <c>NextInt64(i + 1)</c>) drawn from stream
    /// (seed, <c>"lhs-permutation/" + name</c>, 0), and sample i's position inside its stratum s is
    /// (s + u)/N with u = (⌊w/2¹²⌋ + ½)·2⁻⁵² from the first word w of stream (seed, <c>"lhs/" + name</c>, i), so
    /// u is in (0, 1) and no value is 0 or 1. The same input name, sample index, sample count and seed therefore give the
    /// same value in any scenario, whatever other inputs it has and in whatever order they are listed (common samples
    /// across alternatives).
    /// </remarks>
    /// <param name="samples">N, at least 1.</param>
    /// <param name="inputNames">The inputs' names: distinct, none null or blank.</param>
    /// <param name="seed">The study's master seed.</param>
    /// <exception cref="ArgumentException">An argument is outside its range or two names are equal.</exception>
    internal static double[][] Create(int samples, IReadOnlyList<string> inputNames, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentNullException.ThrowIfNull(inputNames);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < inputNames.Count; j++)
        {
            string name = inputNames[j];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"inputNames[{j}] is null or blank; every input needs a name.", nameof(inputNames));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException(
                    $"inputNames[{j}] \"{name}\" appears twice; two inputs with one name would get the same column.", nameof(inputNames));
            }
        }

        var points = new double[samples][];
        for (int i = 0; i < samples; i++)
        {
            points[i] = new double[inputNames.Count];
        }

        for (int j = 0; j < inputNames.Count; j++)
        {
            FillColumn(points, j, inputNames[j], seed);
        }

        return points;
    }

    private static void FillColumn(double[][] points, int column, string name, ulong seed)
    {
        int n = points.Length;
        int[] stratum = Permutation(n, RandomStream.Create(seed, "lhs-permutation/" + name, 0));
        for (int i = 0; i < n; i++)
        {
            double u = OpenUnit(RandomStream.Create(seed, "lhs/" + name, i).NextUInt64());
            double high = (stratum[i] + 1.0) / n;
            double value = (stratum[i] + u) / n;

            // Rounding may carry a value within an ulp of its stratum's top onto it; keep it inside.
            points[i][column] = value < high ? value : Math.BitDecrement(high);
        }
    }

    /// <summary>A uniformly random permutation of 0 … n − 1 by the Fisher–Yates shuffle.</summary>
    internal static int[] Permutation(int n, RandomStream stream)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)stream.NextInt64(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }

    /// <summary>The top 52 bits of a word as a double in (0, 1): (⌊w/2¹²⌋ + ½)·2⁻⁵².</summary>
    internal static double OpenUnit(ulong word) => ((word >> 12) + 0.5) * (1.0 / (1UL << 52));
}
