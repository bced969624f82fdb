using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class SaltelliTests
{
    [Fact]
    public void Create_AnyDesign_SplitsATwoKDimensionalSobolSequence()
    {
        const int N = 64;
        const int K = 3;
        SaltelliDesign design = Saltelli.Create(N, K, seed: 17);
        double[][] sobol = SobolSequence.Create(N, 2 * K, seed: 17, scramble: true);

        Assert.Equal(N, design.BaseSamples);
        Assert.Equal(K, design.Dimensions);
        Assert.Equal(K, design.AB.Length);
        for (int r = 0; r < N; r++)
        {
            Assert.Equal(sobol[r][..K], design.A[r]);
            Assert.Equal(sobol[r][K..], design.B[r]);
            for (int i = 0; i < K; i++)
            {
                for (int c = 0; c < K; c++)
                {
                    Assert.Equal(c == i ? design.B[r][c] : design.A[r][c], design.AB[i][r][c]);
                }
            }
        }
    }

    [Fact]
    public void RunOrder_AnyDesign_ListsARowsBRowsThenEachABBlock()
    {
        SaltelliDesign design = Saltelli.Create(8, 2, seed: 1);

        IReadOnlyList<double[]> runs = design.RunOrder();

        Assert.Equal(8 * (2 + 2), runs.Count);
        Assert.Equal(design.Runs, runs.Count);
        for (int r = 0; r < 8; r++)
        {
            Assert.Same(design.A[r], runs[r]);
            Assert.Same(design.B[r], runs[8 + r]);
            Assert.Same(design.AB[0][r], runs[16 + r]);
            Assert.Same(design.AB[1][r], runs[24 + r]);
        }
    }

    [Fact]
    public void SplitOutputs_OutputsInRunOrder_InvertRunOrder()
    {
        SaltelliDesign design = Saltelli.Create(16, 3, seed: 4);
        static double F(double[] p) => p[0] + (10 * p[1]) + (100 * p[2]);
        double[] outputs = [.. design.RunOrder().Select(F)];

        (double[] ya, double[] yb, double[][] yab) = design.SplitOutputs(outputs);

        Assert.Equal(design.A.Select(F), ya);
        Assert.Equal(design.B.Select(F), yb);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(design.AB[i].Select(F), yab[i]);
        }

        for (int run = 0; run < design.Runs; run++)
        {
            (int block, int row) = design.Locate(run);
            double[][] matrix = block switch { 0 => design.A, 1 => design.B, _ => design.AB[block - 2] };
            Assert.Same(matrix[row], design.RunOrder()[run]);
        }
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => Saltelli.Create(1, 2, 1));
        Assert.ThrowsAny<ArgumentException>(() => Saltelli.Create(8, 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => Saltelli.Create(8, Saltelli.MaxDimensions + 1, 1));
        SaltelliDesign design = Saltelli.Create(8, 2, 1);
        Assert.Throws<ArgumentException>(() => design.SplitOutputs(new double[31]));
        Assert.ThrowsAny<ArgumentException>(() => design.Locate(32));
        Assert.ThrowsAny<ArgumentException>(() => design.Locate(-1));
    }

    [Fact]
    public void Create_MostDimensions_IsSupported()
    {
        SaltelliDesign design = Saltelli.Create(4, Saltelli.MaxDimensions, 1);

        Assert.Equal(64, Saltelli.MaxDimensions);
        Assert.All(design.RunOrder(), p => Assert.All(p, v => Assert.InRange(v, double.Epsilon, Math.BitDecrement(1.0))));
    }
}
