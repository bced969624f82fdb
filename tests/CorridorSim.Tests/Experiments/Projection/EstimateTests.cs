using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class EstimateTests
{
    [Fact]
    public void Of_KnownSample_StudentTInterval()
    {
        Estimate e = Estimate.Of([5, 1, 4, double.NaN, 2, 3]);

        Assert.Equal(5, e.Count);
        Assert.Equal(3, e.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), e.StandardDeviation, 12);
        double half = 2.7764451051977987 * Math.Sqrt(2.5) / Math.Sqrt(5); // t(0.975, 4)
        Assert.Equal(3 - half, e.Ci95Low, 9);
        Assert.Equal(3 + half, e.Ci95High, 9);
        Assert.Equal(1.4, e.P10, 12);
        Assert.Equal(4.6, e.P90, 12);
        Assert.True(double.IsNaN(Estimate.Of([double.NaN]).Mean));
    }
}
