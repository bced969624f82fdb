using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class SobolIndicesTests
{
    private static SensitivityResult Analyse(int n, int k, Func<double[], double> model, int bootstrap, ulong seed)
    {
        SaltelliDesign design = Saltelli.Create(n, k, seed);
        double[] outputs = [.. design.RunOrder().Select(model)];
        (double[] ya, double[] yb, double[][] yab) = design.SplitOutputs(outputs);
        return SobolIndices.Estimate(ya, yb, yab, bootstrap, seed);
    }

    // Y = Σ a_j X_j with X_j ~ U(0, 1) has S1_j = ST_j = a_j² / Σ a².
    [Fact]
    public void Estimate_AdditiveFunction_CoversAnalyticIndicesWithinThreeHundredths()
    {
        double[] a = [1, 2, 3, 0.5];
        double sum = a.Sum(v => v * v);

        SensitivityResult result = Analyse(4096, a.Length, p => p.Select((x, j) => a[j] * x).Sum(), bootstrap: 400, seed: 42);

        Assert.Equal("sobol", result.Method);
        Assert.True(double.IsNaN(result.RSquared));
        Assert.Equal(400, result.BootstrapReplicates);
        Assert.Null(result.Note);
        for (int j = 0; j < a.Length; j++)
        {
            double expected = a[j] * a[j] / sum;
            SensitivityIndex s = result.Indices[j];
            Assert.Equal(j, s.Input);
            Assert.InRange(s.Value, expected - 0.03, expected + 0.03);
            Assert.InRange(s.Total, expected - 0.03, expected + 0.03);
            Assert.InRange(expected, s.Low, s.High);
            Assert.InRange(expected, s.TotalLow, s.TotalHigh);
        }
    }

    // Ishigami (a = 7, b = 0.1), X_j ~ U(−π, π): S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244.
    [Fact]
    public void Estimate_Ishigami_MatchesAnalyticIndicesWithinFiveHundredths()
    {
        static double Ishigami(double[] u)
        {
            double x1 = -Math.PI + (2 * Math.PI * u[0]);
            double x2 = -Math.PI + (2 * Math.PI * u[1]);
            double x3 = -Math.PI + (2 * Math.PI * u[2]);
            return Math.Sin(x1) + (7 * Math.Sin(x2) * Math.Sin(x2)) + (0.1 * Math.Pow(x3, 4) * Math.Sin(x1));
        }

        double[] first = [0.3139, 0.4424, 0.0];
        double[] total = [0.5576, 0.4424, 0.2437];

        SensitivityResult result = Analyse(8192, 3, Ishigami, bootstrap: 200, seed: 7);

        for (int j = 0; j < 3; j++)
        {
            Assert.InRange(result.Indices[j].Value, first[j] - 0.05, first[j] + 0.05);
            Assert.InRange(result.Indices[j].Total, total[j] - 0.05, total[j] + 0.05);
            Assert.True(result.Indices[j].Low <= result.Indices[j].Value && result.Indices[j].Value <= result.Indices[j].High);
        }
    }

    [Fact]
    public void Estimate_SameArguments_IsBitIdenticalAndSeedOnlyMovesTheIntervals()
    {
        SaltelliDesign design = Saltelli.Create(256, 2, seed: 3);
        double[] outputs = [.. design.RunOrder().Select(p => p[0] + (p[0] * p[1]))];
        (double[] ya, double[] yb, double[][] yab) = design.SplitOutputs(outputs);

        SensitivityResult r1 = SobolIndices.Estimate(ya, yb, yab, 100, seed: 1);
        SensitivityResult r2 = SobolIndices.Estimate(ya, yb, yab, 100, seed: 1);
        SensitivityResult r3 = SobolIndices.Estimate(ya, yb, yab, 100, seed: 2);

        Assert.Equal(r1.Indices, r2.Indices);
        Assert.Equal(r1.Indices[0].Value, r3.Indices[0].Value);
        Assert.NotEqual(r1.Indices[0].Low, r3.Indices[0].Low);
    }

    [Fact]
    public void Estimate_ConstantOutput_GivesZeroIndicesWithANote()
    {
        double[] y = [2, 2, 2, 2];

        SensitivityResult result = SobolIndices.Estimate(y, y, [y, y], 10, 1);

        Assert.NotNull(result.Note);
        Assert.All(result.Indices, s => Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0, 0.0), (s.Value, s.Low, s.High, s.Total, s.TotalLow, s.TotalHigh)));
    }

    [Fact]
    public void Estimate_ConstantBaseOutputsButVaryingAB_GivesNaNWithANote()
    {
        double[] y = [2, 2, 2, 2];

        SensitivityResult result = SobolIndices.Estimate(y, y, [[2, 3, 2, 2]], 10, 1);

        Assert.NotNull(result.Note);
        Assert.True(double.IsNaN(result.Indices[0].Value));
    }

    [Fact]
    public void Estimate_NoBootstrap_GivesNaNIntervals()
    {
        SensitivityResult result = SobolIndices.Estimate([1, 2, 3], [3, 1, 2], [[2, 2, 3]], 0, 1);

        Assert.False(double.IsNaN(result.Indices[0].Value));
        Assert.True(double.IsNaN(result.Indices[0].Low));
        Assert.True(double.IsNaN(result.Indices[0].TotalHigh));
    }

    [Fact]
    public void Estimate_BadArguments_Throw()
    {
        double[] y = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => SobolIndices.Estimate([1], [1], [[1]], 10, 1));
        Assert.Throws<ArgumentException>(() => SobolIndices.Estimate(y, [1, 2], [y], 10, 1));
        Assert.Throws<ArgumentException>(() => SobolIndices.Estimate(y, y, [], 10, 1));
        Assert.Throws<ArgumentException>(() => SobolIndices.Estimate(y, y, [[1, 2]], 10, 1));
        Assert.Throws<ArgumentException>(() => SobolIndices.Estimate([1, double.NaN, 3], y, [y], 10, 1));
        Assert.ThrowsAny<ArgumentException>(() => SobolIndices.Estimate(y, y, [y], -1, 1));
        Assert.ThrowsAny<ArgumentException>(() => SobolIndices.Estimate(y, y, [y], 10, 1, confidence: 1.5));
    }
}
