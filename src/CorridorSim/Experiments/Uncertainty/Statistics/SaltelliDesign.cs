namespace CorridorSim.Experiments;

/// <summary>
/// A Saltelli design: <paramref name="A"/> and <paramref name="B"/> are <c>[N][k]</c>, <paramref name="AB"/> is
/// <c>[k][N][k]</c> with AB[i] = A whose column i is B's. Runs are numbered A rows, B rows, then AB_0 rows, AB_1 rows, …
/// (run = block·N + row, block 0 = A, 1 = B, 2 + i = AB_i), N(k + 2) in all.
/// </summary>
/// <param name="A">The first base matrix, N rows of k values.</param>
/// <param name="B">The second base matrix, N rows of k values.</param>
/// <param name="AB">For every input i, A with column i from B.</param>
internal sealed record SaltelliDesign(double[][] A, double[][] B, double[][][] AB)
{
    /// <summary>N, the number of base samples (rows of A).</summary>
    internal int BaseSamples => A.Length;

    /// <summary>k, the number of inputs.</summary>
    internal int Dimensions => AB.Length;

    /// <summary>N(k + 2), the number of model runs.</summary>
    internal int Runs => checked(BaseSamples * (Dimensions + 2));

    /// <summary>The points in run order (A rows, B rows, AB_0 rows, …), N(k + 2) of them; the rows are shared, not copied.</summary>
    internal IReadOnlyList<double[]> RunOrder()
    {
        CheckShape();
        var runs = new List<double[]>(Runs);
        runs.AddRange(A);
        runs.AddRange(B);
        foreach (double[][] block in AB)
        {
            runs.AddRange(block);
        }

        return runs;
    }

    /// <summary>The (block, row) of run <paramref name="run"/>: block 0 is A, 1 is B, 2 + i is AB_i.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="run"/> is outside [0, N(k + 2)).</exception>
    internal (int Block, int Row) Locate(int run)
    {
        if (run < 0 || run >= Runs)
        {
            throw new ArgumentOutOfRangeException(nameof(run), run, $"The design has runs 0 to {Runs - 1}; run {run} does not exist.");
        }

        return (run / BaseSamples, run % BaseSamples);
    }

    /// <summary>
    /// The inverse of <see cref="RunOrder"/>: model outputs given in run order split into f(A), f(B) and f(AB_i), the
    /// arguments of <see cref="SobolIndices.Estimate"/>.
    /// </summary>
    /// <param name="outputs">One output per run, N(k + 2) in run order.</param>
    /// <exception cref="ArgumentException">The count is not N(k + 2).</exception>
    internal (double[] YA, double[] YB, double[][] YAB) SplitOutputs(IReadOnlyList<double> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        CheckShape();
        if (outputs.Count != Runs)
        {
            throw new ArgumentException(
                $"The design has {Runs} runs (N = {BaseSamples}, k = {Dimensions}); {outputs.Count} outputs were given.", nameof(outputs));
        }

        int n = BaseSamples;
        double[] Block(int b)
        {
            var y = new double[n];
            for (int r = 0; r < n; r++)
            {
                y[r] = outputs[(b * n) + r];
            }

            return y;
        }

        var yab = new double[Dimensions][];
        for (int i = 0; i < Dimensions; i++)
        {
            yab[i] = Block(2 + i);
        }

        return (Block(0), Block(1), yab);
    }

    private void CheckShape()
    {
        if (B.Length != A.Length || AB.Any(block => block.Length != A.Length))
        {
            throw new InvalidOperationException(
                $"A Saltelli design needs A, B and every AB_i to have the same number of rows; A has {A.Length}, B {B.Length}.");
        }
    }
}
