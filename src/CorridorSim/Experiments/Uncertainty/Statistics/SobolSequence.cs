using System.Numerics;
using CorridorSim.Engine;

namespace CorridorSim.Experiments;

/// <summary>
/// The Sobol low-discrepancy sequence (Sobol 1967) with Joe &amp; Kuo's direction numbers (new-joe-kuo-6.21201), in the
/// Gray-code order of Antonov &amp; Saleev (1979): x_i = x_(i−1) ⊕ v_c, c the position of the lowest zero bit of i − 1.
/// </summary>
internal static class SobolSequence
{
    /// <summary>The most dimensions <see cref="Create"/> supports.</summary>
    internal const int MaxDimensions = JoeKuoDirections.MaxDimensions;

    /// <summary>
    /// Points 1 … <paramref name="samples"/> of the sequence (point 0, all zeros, is skipped), as
    /// <c>double[samples][dimensions]</c>, every value in (0, 1).
    /// </summary>
    /// <remarks>
    /// Unscrambled, the values are exactly those of Joe &amp; Kuo's reference generator (dimension 1: 0.5, 0.75, 0.25, …),
    /// and <paramref name="seed"/> is not used. Scrambled, dimension d (0-based) is digitally shifted: every 52-bit
    /// point word is XORed with w_d = (NextUInt64() ≫ 12) | 1 from stream (seed, "sobol-shift", d), which keeps the
    /// sequence's stratification (a digital shift is a bijection on every dyadic box) and, the lowest bit being set,
    /// makes no value 0. The balance properties hold for prefixes of 2^m points, so a power of two is the best count.
    /// </remarks>
    /// <param name="samples">The number of points, at least 1.</param>
    /// <param name="dimensions">The number of dimensions, 1 to <see cref="MaxDimensions"/>.</param>
    /// <param name="seed">The study's master seed (used only when <paramref name="scramble"/> is true).</param>
    /// <param name="scramble">Whether to apply the random digital shift.</param>
    /// <exception cref="ArgumentException">An argument is outside its range.</exception>
    internal static double[][] Create(int samples, int dimensions, ulong seed, bool scramble)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (dimensions < 1 || dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dimensions), dimensions, $"The Sobol sequence has direction numbers for 1 to {MaxDimensions} dimensions; {dimensions} were asked for.");
        }

        const double Unit = 1.0 / (1UL << JoeKuoDirections.WordBits);
        var points = new double[samples][];
        for (int i = 0; i < samples; i++)
        {
            points[i] = new double[dimensions];
        }

        for (int d = 0; d < dimensions; d++)
        {
            ulong[] v = JoeKuoDirections.Of(d + 1);
            ulong shift = scramble ? (RandomStream.Create(seed, "sobol-shift", d).NextUInt64() >> 12) | 1UL : 0;
            ulong x = 0;
            for (int i = 1; i <= samples; i++)
            {
                x ^= v[BitOperations.TrailingZeroCount(~(uint)(i - 1))];
                points[i - 1][d] = (x ^ shift) * Unit;
            }
        }

        return points;
    }
}
