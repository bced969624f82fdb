using CorridorSim.Engine;
using FsCheck;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

/// <summary><see cref="Tally"/>: moments, confidence intervals, percentiles, warm-up reset.</summary>
public class TallyTests
{
    [Fact]
    public void Tally_Empty_HasNaNMomentsAndZeroCountAndSum()
    {
        var tally = new Tally();

        Assert.Equal(0, tally.Count);
        Assert.Equal(0, tally.Sum);
        Assert.True(double.IsNaN(tally.Mean));
        Assert.True(double.IsNaN(tally.Variance));
        Assert.True(double.IsNaN(tally.StandardDeviation));
        Assert.True(double.IsNaN(tally.Min));
        Assert.True(double.IsNaN(tally.Max));
        Assert.True(double.IsNaN(tally.ConfidenceInterval95HalfWidth));
    }

    [Fact]
    public void Tally_KnownValues_MatchesDirectComputation()
    {
        double[] values = [4.5, -2, 10, 3.25, 3.25, 0, 7.75, 12, -1.5, 6];
        var tally = new Tally();
        foreach (double v in values)
        {
            tally.Add(v);
        }

        double mean = values.Sum() / values.Length;
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);

        Assert.Equal(values.Length, tally.Count);
        Assert.Equal(values.Sum(), tally.Sum, 12);
        Assert.Equal(mean, tally.Mean, 12);
        Assert.Equal(variance, tally.Variance, 12);
        Assert.Equal(Math.Sqrt(variance), tally.StandardDeviation, 12);
        Assert.Equal(-2, tally.Min);
        Assert.Equal(12, tally.Max);
    }

    [Fact]
    public void Tally_SingleValue_HasMeanButNaNVariance()
    {
        var tally = new Tally();
        tally.Add(3);

        Assert.Equal(3, tally.Mean);
        Assert.Equal(3, tally.Min);
        Assert.Equal(3, tally.Max);
        Assert.True(double.IsNaN(tally.Variance));
        Assert.True(double.IsNaN(tally.ConfidenceInterval95HalfWidth));
    }

    [Fact]
    public void Tally_LargeOffset_VarianceStaysAccurate()
    {
        // Welford's update avoids the catastrophic cancellation of sum-of-squares formulas.
        var tally = new Tally(keepObservations: false);
        foreach (double v in new[] { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 })
        {
            tally.Add(v);
        }

        Assert.Equal(30, tally.Variance, 6);
    }

    [Fact]
    public void ConfidenceInterval95HalfWidth_TenValues_UsesStudentTWithNineDegreesOfFreedom()
    {
        var tally = new Tally();
        for (int i = 1; i <= 10; i++)
        {
            tally.Add(i);
        }

        // t(0.975, 9) = 2.262157163 (tables); s = sqrt(55/6) for 1..10.
        double expected = 2.262157163 * Math.Sqrt(55.0 / 6) / Math.Sqrt(10);
        Assert.Equal(expected, tally.ConfidenceInterval95HalfWidth, 6);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 100.0)]
    [InlineData(0.5, 50.5)]
    [InlineData(0.25, 25.75)]
    [InlineData(0.75, 75.25)]
    [InlineData(0.9, 90.1)]
    [InlineData(0.99, 99.01)]
    public void Percentile_OneToHundred_MatchesNumpyLinear(double p, double expected)
    {
        // numpy.percentile(range(1, 101), 100 * p) with the default (linear, type 7) method.
        var tally = new Tally();
        for (int i = 100; i >= 1; i--)
        {
            tally.Add(i);
        }

        Assert.Equal(expected, tally.Percentile(p), 9);
    }

    [Fact]
    public void Percentile_AddAfterQuery_ResortsObservations()
    {
        var tally = new Tally();
        tally.Add(10);
        tally.Add(20);
        Assert.Equal(15, tally.Percentile(0.5));

        tally.Add(0);

        Assert.Equal(10, tally.Percentile(0.5));
        Assert.Equal(0, tally.Percentile(0));
    }

    [Fact]
    public void Percentile_SingleObservation_ReturnsIt()
    {
        var tally = new Tally();
        tally.Add(42);

        Assert.Equal(42, tally.Percentile(0));
        Assert.Equal(42, tally.Percentile(0.37));
        Assert.Equal(42, tally.Percentile(1));
    }

    [Fact]
    public void Percentile_ObservationsNotKept_ThrowsInvalidOperationException()
    {
        var tally = new Tally(keepObservations: false);
        tally.Add(1);

        Assert.False(tally.KeepsObservations);
        Assert.Throws<InvalidOperationException>(() => tally.Percentile(0.5));
    }

    [Fact]
    public void Percentile_Empty_ThrowsInvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => new Tally().Percentile(0.5));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Percentile_ProbabilityOutsideUnitInterval_ThrowsArgumentOutOfRangeException(double p)
    {
        var tally = new Tally();
        tally.Add(1);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => tally.Percentile(p));
        Assert.Equal("p", ex.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Tally_AddNonFinite_ThrowsArgumentOutOfRangeException(double x)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Tally().Add(x));
        Assert.Equal("x", ex.ParamName);
    }

    [Fact]
    public void Tally_Reset_ForgetsWarmUpObservations()
    {
        var tally = new Tally();
        tally.Add(1000);
        tally.Add(-1000);

        tally.Reset();

        Assert.Equal(0, tally.Count);
        Assert.True(double.IsNaN(tally.Mean));
        Assert.Throws<InvalidOperationException>(() => tally.Percentile(0.5));

        tally.Add(2);
        tally.Add(4);
        Assert.Equal(3, tally.Mean);
        Assert.Equal(2, tally.Variance);
        Assert.Equal(2, tally.Min);
        Assert.Equal(4, tally.Max);
        Assert.Equal(6, tally.Sum);
        Assert.Equal(4, tally.Percentile(1));
    }

    [Property]
    public bool Tally_AnyObservations_MeanLiesBetweenMinAndMaxAndVarianceIsNonNegative(FsCheck.NormalFloat[] values)
    {
        var tally = new Tally();
        foreach (FsCheck.NormalFloat v in values)
        {
            // Keep magnitudes where the sum of squares cannot overflow.
            tally.Add(Math.Clamp(v.Get, -1e100, 1e100));
        }

        if (values.Length == 0)
        {
            return tally.Count == 0 && double.IsNaN(tally.Mean);
        }

        double slack = 1e-12 * Math.Max(Math.Abs(tally.Min), Math.Abs(tally.Max));
        bool ordered = tally.Min - slack <= tally.Mean && tally.Mean <= tally.Max + slack;
        bool nonNegative = values.Length < 2 || tally.Variance >= 0;
        bool percentilesBounded = tally.Percentile(0) == tally.Min && tally.Percentile(1) == tally.Max;
        return tally.Count == values.Length && ordered && nonNegative && percentilesBounded;
    }

    /// <summary>
    /// Merging the binned histograms of tallies gives exactly the percentiles of one binned tally that saw every
    /// observation (pooled percentiles across replications), which the mean of the parts' percentiles does not.
    /// </summary>
    [Property]
    public bool BinnedCountsMerge_SplitObservations_PercentilesEqualThoseOfOneTallyOfAll(NormalFloat[] first, NormalFloat[] second, byte q)
    {
        double[] a = first.Select(x => Math.Abs(x.Get) % 1e6).ToArray();
        double[] b = second.Select(x => Math.Abs(x.Get) % 1e6).ToArray();
        Tally ta = Tally.WithBinnedPercentiles(), tb = Tally.WithBinnedPercentiles(), all = Tally.WithBinnedPercentiles();
        foreach (double x in a)
        {
            ta.Add(x);
            all.Add(x);
        }

        foreach (double x in b)
        {
            tb.Add(x);
            all.Add(x);
        }

        BinnedCounts? merged = BinnedCounts.Merge([ta.Binned(), null, tb.Binned()]);
        double p = q / 255.0;
        return all.Count == 0
            ? merged is null
            : merged is not null && merged.Count == all.Count && merged.Quantile(p) == all.Percentile(p);
    }

    [Fact]
    public void BinnedCountsMerge_TwoReplicationsOfDifferentSpread_PooledP95ExceedsTheMeanOfTheirP95s()
    {
        Tally narrow = Tally.WithBinnedPercentiles(), wide = Tally.WithBinnedPercentiles();
        for (int i = 1; i <= 1000; i++)
        {
            narrow.Add(10 + (i % 10));   // 10..19 days
            wide.Add(10 + (i % 100));    // 10..109 days
        }

        double meanOfP95s = (narrow.Percentile(0.95) + wide.Percentile(0.95)) / 2;
        double pooled = BinnedCounts.Merge([narrow.Binned(), wide.Binned()])!.Quantile(0.95);
        Assert.True(pooled > meanOfP95s * 1.3, $"pooled p95 {pooled}, mean of p95s {meanOfP95s}");
    }
}
