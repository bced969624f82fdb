using CorridorSim.Engine;
using CorridorSim.Experiments;
using MathNet.Numerics.Distributions;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class VarianceDecompositionTests
{
    // Groups {1, 3} and {5, 7}: within variances 2 and 2, so Aleatory 2; means 2 and 6 have variance 8, so
    // Epistemic = 8 − 2/2 = 7, Total 9.
    [Fact]
    public void Of_SmallExactInput_GivesTheAnovaComponents()
    {
        VarianceShare v = VarianceDecomposition.Of([[1, 3], [5, 7]]);

        Assert.Equal(new VarianceShare(9, 7, 2, 7.0 / 9), v);
    }

    [Fact]
    public void Of_WithinNoiseLargerThanSpreadOfMeans_FloorsEpistemicAtZero()
    {
        VarianceShare v = VarianceDecomposition.Of([[0, 10], [1, 9]]);

        Assert.Equal(0.0, v.Epistemic);
        Assert.Equal(41.0, v.Aleatory, 12);
        Assert.Equal(41.0, v.Total, 12);
        Assert.Equal(0.0, v.EpistemicShare);
    }

    [Fact]
    public void Of_OneReplication_LeavesAleatoryAndShareUndefined()
    {
        VarianceShare v = VarianceDecomposition.Of([[1], [2], [3]]);

        Assert.Equal(1.0, v.Total, 12);
        Assert.Equal(1.0, v.Epistemic, 12);
        Assert.True(double.IsNaN(v.Aleatory));
        Assert.True(double.IsNaN(v.EpistemicShare));
    }

    [Fact]
    public void Of_ConstantValues_GivesZeroVarianceAndNaNShare()
    {
        VarianceShare v = VarianceDecomposition.Of([[4, 4], [4, 4]]);

        Assert.Equal((0.0, 0.0, 0.0), (v.Total, v.Epistemic, v.Aleatory));
        Assert.True(double.IsNaN(v.EpistemicShare));
    }

    // Y = μ_g + ε, μ_g ~ N(10, 2²) per sample, ε ~ N(0, 1) per replication: Epistemic 4, Aleatory 1. With m = 2000 and
    // R = 5 the standard errors are about 0.016 (aleatory) and 0.13 (epistemic); the tolerances are four of them.
    [Fact]
    public void Of_TwoLevelNormalModel_RecoversTheKnownComponents()
    {
        const int M = 2000;
        const int R = 5;
        RandomStream stream = RandomStream.Create(8, "two-level", 0);
        var groups = new List<IReadOnlyList<double>>();
        for (int g = 0; g < M; g++)
        {
            double mu = Normal.Sample(stream, 10, 2);
            groups.Add([.. Enumerable.Range(0, R).Select(_ => mu + Normal.Sample(stream, 0, 1))]);
        }

        VarianceShare v = VarianceDecomposition.Of(groups);

        Assert.InRange(v.Aleatory, 1 - 0.064, 1 + 0.064);
        Assert.InRange(v.Epistemic, 4 - 0.53, 4 + 0.53);
        Assert.Equal(v.Epistemic + v.Aleatory, v.Total);
        Assert.InRange(v.EpistemicShare, 0.75, 0.85);
    }

    [Fact]
    public void Of_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => VarianceDecomposition.Of([[1, 2]]));
        Assert.Throws<ArgumentException>(() => VarianceDecomposition.Of([[], []]));
        Assert.Throws<ArgumentException>(() => VarianceDecomposition.Of([[1, 2], [1]]));
        Assert.Throws<ArgumentException>(() => VarianceDecomposition.Of([[1, 2], [1, double.PositiveInfinity]]));
    }
}
