using CorridorSim.Experiments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class ProportionsTests
{
    // Published 95 % Wilson intervals (Newcombe 1998, Table I style; four decimals).
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_PublishedCases_MatchToFourDecimals(int x, int n, double low, double high)
    {
        (double l, double h) = Proportions.Wilson(x, n);

        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void Wilson_NoSuccesses_LowIsExactlyZeroAndAllSuccessesHighIsExactlyOne()
    {
        Assert.Equal(0.0, Proportions.Wilson(0, 7).Low);
        Assert.Equal(1.0, Proportions.Wilson(7, 7).High);
    }

    // Clopper–Pearson at x = 0 and x = 1 has closed forms: High(0) = 1 − (α/2)^(1/n), Low(1) = 1 − (1 − α/2)^(1/n).
    [Fact]
    public void ClopperPearson_ZeroAndOneSuccess_MatchClosedForms()
    {
        (double l0, double h0) = Proportions.ClopperPearson(0, 10);
        (double l1, _) = Proportions.ClopperPearson(1, 10);
        (double l10, double h10) = Proportions.ClopperPearson(10, 10);

        Assert.Equal(0.0, l0);
        Assert.Equal(0.3085, h0, 4);
        Assert.Equal(1 - Math.Pow(0.025, 0.1), h0, 9);
        Assert.Equal(1 - Math.Pow(0.975, 0.1), l1, 9);
        Assert.Equal(Math.Pow(0.025, 0.1), l10, 9);
        Assert.Equal(1.0, h10);
    }

    [Theory]
    [InlineData(5, 10, 0.95, 0.1871, 0.8129)]
    [InlineData(3, 20, 0.95, 0.0321, 0.3789)]
    [InlineData(5, 10, 0.90, 0.2224, 0.7776)]
    public void ClopperPearson_PublishedCases_MatchToFourDecimals(int x, int n, double confidence, double low, double high)
    {
        (double l, double h) = Proportions.ClopperPearson(x, n, confidence);

        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Theory]
    [InlineData(-1, 10, 0.95)]
    [InlineData(11, 10, 0.95)]
    [InlineData(0, 0, 0.95)]
    [InlineData(1, 10, 0.0)]
    [InlineData(1, 10, 1.0)]
    [InlineData(1, 10, double.NaN)]
    public void BothIntervals_BadArguments_Throw(int x, int n, double confidence)
    {
        Assert.ThrowsAny<ArgumentException>(() => Proportions.Wilson(x, n, confidence));
        Assert.ThrowsAny<ArgumentException>(() => Proportions.ClopperPearson(x, n, confidence));
    }

    private static readonly Arbitrary<(int X, int N, double C)> Cases =
        (from n in Gen.Choose(1, 5000)
         from x in Gen.Choose(0, n)
         from c in Gen.Elements(0.5, 0.8, 0.9, 0.95, 0.99, 0.999)
         select (x, n, c)).ToArbitrary();

    [Property]
    public Property BothIntervals_AnyCase_ContainTheEstimateWithinTheUnitInterval() =>
        Prop.ForAll(Cases, c =>
        {
            double p = (double)c.X / c.N;
            (double wl, double wh) = Proportions.Wilson(c.X, c.N, c.C);
            (double cl, double ch) = Proportions.ClopperPearson(c.X, c.N, c.C);
            return 0 <= wl && wl <= p && p <= wh && wh <= 1
                && 0 <= cl && cl <= p && p <= ch && ch <= 1;
        });

    [Property]
    public Property BothIntervals_HigherConfidence_NestTheLowerOnesInterval() =>
        Prop.ForAll(Cases, c =>
        {
            (double wl, double wh) = Proportions.Wilson(c.X, c.N, c.C);
            (double wl2, double wh2) = Proportions.Wilson(c.X, c.N, 1 - ((1 - c.C) / 2));
            (double cl, double ch) = Proportions.ClopperPearson(c.X, c.N, c.C);
            (double cl2, double ch2) = Proportions.ClopperPearson(c.X, c.N, 1 - ((1 - c.C) / 2));
            return wl2 <= wl && wh <= wh2 && cl2 <= cl && ch <= ch2;
        });
}
