using CorridorSim.Engine;
using CorridorSim.Experiments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class RankRegressionTests
{
    private static SensitivityResult LinearModel(ulong seed)
    {
        double[][] x = LatinHypercube.Create(500, ["x1", "x2", "x3"], seed);
        RandomStream noise = RandomStream.Create(seed, "test-noise", 0);
        double[] y = [.. x.Select(p => (3 * p[0]) - p[1] + Normal.Sample(noise, 0, 0.1))];
        return RankRegression.Srrc(x, y, bootstrap: 300, seed);
    }

    // y = 3·x1 − x2 + noise: the SRRC of x1 is near 3/√10, of x2 near −1/√10, of the idle x3 near 0.
    [Fact]
    public void Srrc_LinearModelWithNoise_RanksTheDriversAndCoversZeroForTheIdleInput()
    {
        SensitivityResult result = LinearModel(seed: 3);

        Assert.Equal("srrc", result.Method);
        Assert.Equal(300, result.BootstrapReplicates);
        SensitivityIndex x1 = result.Indices[0];
        SensitivityIndex x2 = result.Indices[1];
        SensitivityIndex x3 = result.Indices[2];
        Assert.InRange(x1.Value, 0.9, 1.0);
        Assert.InRange(x2.Value, -0.4, -0.25);
        Assert.True(x2.High < 0);
        Assert.InRange(x3.Value, -0.05, 0.05);
        Assert.InRange(0.0, x3.Low, x3.High);
        Assert.True(x1.Low <= x1.Value && x1.Value <= x1.High);
        Assert.InRange(result.RSquared, 0.95, 1.0);
        Assert.True(double.IsNaN(x1.Total));
    }

    // A 95 % interval of the idle input's coefficient must miss 0 for about one seed in twenty, not more: over 40 seeds
    // at most 5 misses (a binomial tail below 2 % for well-calibrated intervals).
    [Fact]
    public void Srrc_IdleInputOverManySeeds_IntervalCoversZeroAtAboutItsConfidence()
    {
        int covered = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            SensitivityIndex x3 = LinearModel(seed).Indices[2];
            covered += x3.Low <= 0 && 0 <= x3.High ? 1 : 0;
        }

        Assert.InRange(covered, 35, 40);
    }

    [Fact]
    public void Srrc_OutputMonotoneInOneInput_GivesOneAndRSquaredOne()
    {
        double[][] x = [[1, 5], [2, 3], [3, 4], [4, 1], [5, 2], [6, 6]];
        double[] y = [.. x.Select(p => Math.Exp(p[0]))];

        SensitivityResult result = RankRegression.Srrc(x, y, 0, 1);

        Assert.Equal(1.0, result.Indices[0].Value, 12);
        Assert.Equal(0.0, result.Indices[1].Value, 12);
        Assert.Equal(1.0, result.RSquared, 12);
        Assert.True(double.IsNaN(result.Indices[0].Low));
    }

    [Fact]
    public void Srrc_ConstantOutput_GivesZeroCoefficientsWithANote()
    {
        double[][] x = [[1, 5], [2, 3], [3, 4], [4, 1]];

        SensitivityResult result = RankRegression.Srrc(x, [7, 7, 7, 7], 20, 1);

        Assert.NotNull(result.Note);
        Assert.True(double.IsNaN(result.RSquared));
        Assert.All(result.Indices, s => Assert.Equal((0.0, 0.0, 0.0), (s.Value, s.Low, s.High)));
    }

    [Fact]
    public void Srrc_DegenerateInputs_ThrowClearly()
    {
        double[] y = [1, 2, 3, 4, 5];
        ArgumentException collinear = Assert.Throws<ArgumentException>(() =>
            RankRegression.Srrc([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]], y, 0, 1));
        ArgumentException constant = Assert.Throws<ArgumentException>(() =>
            RankRegression.Srrc([[1, 0], [2, 0], [3, 0], [4, 0], [5, 0]], y, 0, 1));
        ArgumentException few = Assert.Throws<ArgumentException>(() =>
            RankRegression.Srrc([[1, 0], [2, 1], [3, 0]], [1, 2, 3], 0, 1));

        Assert.Contains("collinear", collinear.Message, StringComparison.Ordinal);
        Assert.Contains("Input 1", constant.Message, StringComparison.Ordinal);
        Assert.Contains("k + 1", few.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RankRegression.Srrc([[1], [2], [3]], [1, 2], 0, 1));
        Assert.Throws<ArgumentException>(() => RankRegression.Srrc([[1], [2], [double.NaN]], [1, 2, 3], 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => RankRegression.Srrc([[1], [2], [3]], [1, 2, 3], -1, 1));
    }

    [Fact]
    public void Srrc_SameArguments_IsBitIdentical()
    {
        double[][] x = LatinHypercube.Create(60, ["a", "b"], seed: 3);
        double[] y = [.. x.Select(p => p[0] - (2 * p[1] * p[1]))];

        Assert.Equal(RankRegression.Srrc(x, y, 50, 9).Indices, RankRegression.Srrc(x, y, 50, 9).Indices);
    }

    [Fact]
    public void Ranks_Ties_GetTheirAverageRank()
    {
        Assert.Equal([2.0, 3.5, 3.5, 1.0, 5.0], RankRegression.Ranks([10, 20, 20, 5, 30]));
        Assert.Equal([2.0, 2.0, 2.0], RankRegression.Ranks([4, 4, 4]));
    }

    [Property]
    public Property Ranks_AnyValues_SumToTriangularNumberAndFollowTheOrder() =>
        Prop.ForAll(Gen.NonEmptyListOf(Gen.Choose(-20, 20).Select(i => (double)i)).ToArbitrary(), list =>
        {
            double[] v = [.. list];
            double[] r = RankRegression.Ranks(v);
            int n = v.Length;
            bool ordered = true;
            for (int a = 0; a < n; a++)
            {
                for (int b = 0; b < n; b++)
                {
                    ordered &= v[a] < v[b] ? r[a] < r[b] : v[a] != v[b] || r[a] == r[b];
                }
            }

            return ordered && r.Sum() == n * (n + 1) / 2.0;
        });
}
