using CorridorSim.Experiments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class QuantilesTests
{
    // R's quantile(c(5, 1, 4, 2, 3), type = 7) gives 1.4 at 0.1, 3 at 0.5, 4.6 at 0.9.
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 1.4)]
    [InlineData(0.5, 3.0)]
    [InlineData(0.9, 4.6)]
    [InlineData(1.0, 5.0)]
    public void Of_KnownSample_MatchesTypeSeven(double p, double expected)
    {
        Assert.Equal(expected, Quantiles.Of([5, 1, 4, 2, 3], p), 12);
    }

    [Fact]
    public void Of_SingleValue_ReturnsItAtEveryProbability()
    {
        Assert.Equal(7.0, Quantiles.Of([7.0], 0.0));
        Assert.Equal(7.0, Quantiles.Of([7.0], 0.37));
        Assert.Equal(7.0, Quantiles.Of([7.0], 1.0));
    }

    [Fact]
    public void Of_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => Quantiles.Of([], 0.5));
        Assert.Throws<ArgumentException>(() => Quantiles.Of([1, double.NaN], 0.5));
        Assert.ThrowsAny<ArgumentException>(() => Quantiles.Of([1, 2], -0.01));
        Assert.ThrowsAny<ArgumentException>(() => Quantiles.Of([1, 2], 1.01));
        Assert.ThrowsAny<ArgumentException>(() => Quantiles.Of([1, 2], double.NaN));
    }

    [Fact]
    public void Of_Input_IsNotReordered()
    {
        double[] values = [3, 1, 2];

        _ = Quantiles.Of(values, 0.5);

        Assert.Equal([3.0, 1.0, 2.0], values);
    }

    [Property]
    public Property Of_AnySample_AgreesWithEstimatePercentiles() =>
        Prop.ForAll(Gen.NonEmptyListOf(Gen.Choose(-1000, 1000).Select(i => i / 8.0)).ToArbitrary(), list =>
        {
            double[] values = [.. list];
            Estimate e = Estimate.Of(values);
            return Quantiles.Of(values, 0.10) == e.P10 && Quantiles.Of(values, 0.90) == e.P90;
        });

    [Property]
    public Property Of_AnySample_IsMonotoneInPAndBoundedByTheExtremes() =>
        Prop.ForAll(
            Gen.NonEmptyListOf(Gen.Choose(-1000, 1000).Select(i => i / 8.0)).ToArbitrary(),
            Gen.Choose(0, 1000).Select(i => i / 1000.0).ToArbitrary(),
            Gen.Choose(0, 1000).Select(i => i / 1000.0).ToArbitrary(),
            (list, a, b) =>
            {
                double[] values = [.. list];
                (double lo, double hi) = a <= b ? (a, b) : (b, a);
                double qlo = Quantiles.Of(values, lo);
                double qhi = Quantiles.Of(values, hi);
                return values.Min() <= qlo && qlo <= qhi && qhi <= values.Max()
                    && Quantiles.Of(values, 0) == values.Min() && Quantiles.Of(values, 1) == values.Max();
            });
}
