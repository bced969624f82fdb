namespace CorridorSim.Experiments;

/// <summary>
/// The sampling design of Saltelli (2002) and Saltelli et al. (2010) for Sobol indices: matrices A and B of N base
/// points each and, for every input i, AB_i = A with column i taken from B; N(k + 2) model runs in all.
/// </summary>
internal static class Saltelli
{
    /// <summary>The most inputs a design supports: half the Sobol sequence's dimensions.</summary>
    internal const int MaxDimensions = SobolSequence.MaxDimensions / 2;

    /// <summary>
    /// The design for <paramref name="dimensions"/> = k inputs from the 2k-dimensional scrambled Sobol sequence of
    /// <see cref="SobolSequence.Create"/> (point 0 skipped, digital shift from <paramref name="seed"/>): row r of A is
    /// columns 0 … k − 1 of point r, row r of B columns k … 2k − 1.
    /// </summary>
    /// <param name="baseSamples">N, at least 2 (a power of two keeps the Sobol balance).</param>
    /// <param name="dimensions">k, 1 to <see cref="MaxDimensions"/>.</param>
    /// <param name="seed">The study's master seed.</param>
    /// <exception cref="ArgumentException">An argument is outside its range.</exception>
    internal static SaltelliDesign Create(int baseSamples, int dimensions, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseSamples, 2);
        if (dimensions < 1 || dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dimensions), dimensions, $"A Saltelli design supports 1 to {MaxDimensions} inputs; {dimensions} were asked for.");
        }

        double[][] sobol = SobolSequence.Create(baseSamples, 2 * dimensions, seed, scramble: true);
        var a = new double[baseSamples][];
        var b = new double[baseSamples][];
        for (int r = 0; r < baseSamples; r++)
        {
            a[r] = sobol[r][..dimensions];
            b[r] = sobol[r][dimensions..];
        }

        var ab = new double[dimensions][][];
        for (int i = 0; i < dimensions; i++)
        {
            ab[i] = new double[baseSamples][];
            for (int r = 0; r < baseSamples; r++)
            {
                double[] row = (double[])a[r].Clone();
                row[i] = b[r][i];
                ab[i][r] = row;
            }
        }

        return new SaltelliDesign(a, b, ab);
    }
}
