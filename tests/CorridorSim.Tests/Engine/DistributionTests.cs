using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

public class DistributionTests
{
    private const int SampleCount = 200_000;

    // Every distribution the factories can build, including the edge branches of the samplers (gamma with
    // shape < 1, a triangle with its mode at a bound, zero standard deviations). Keyed by a label so that
    // each row is a separate, named test case.
    private static readonly Dictionary<string, Distribution> Cases = new()
    {
        ["constant"] = Distribution.Constant(7.5),
        ["exponential"] = Distribution.Exponential(5),
        ["uniform"] = Distribution.Uniform(2, 10),
        ["triangular"] = Distribution.Triangular(20, 24, 30),
        ["triangular-mode-at-min"] = Distribution.Triangular(0, 0, 10),
        ["normal"] = Distribution.Normal(10, 2),
        ["normal-zero-sd"] = Distribution.Normal(-3, 0),
        ["lognormal"] = Distribution.LogNormal(10, 5),
        ["lognormal-zero-sd"] = Distribution.LogNormal(4, 0),
        ["gamma"] = Distribution.Gamma(2.5, 3),
        ["gamma-shape-below-one"] = Distribution.Gamma(0.5, 2),
        ["erlang"] = Distribution.Erlang(3, 12),
        ["erlang-one-phase"] = Distribution.Erlang(1, 4),
        ["empirical"] = Distribution.Empirical([1, 2, 2, 5, 8.5]),
    };

    public static TheoryData<string> AllCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in Cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Sample_FixedSeed_MatchesMeanVarianceAndCumulativeDistribution(string name)
    {
        Distribution distribution = Cases[name];
        var stream = RandomStream.Create(20_240_601, "distribution-test/" + name, 0);
        var x = new double[SampleCount];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = distribution.Sample(stream);
        }

        Assert.All(x, v => Assert.True(double.IsFinite(v)));

        // Mean: within 4 standard errors (sd/sqrt(n)) of the stated mean; the tiny absolute term covers
        // rounding in the sum when the variance is 0.
        double mean = 0;
        foreach (double v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        double meanTolerance = (4 * Math.Sqrt(distribution.Variance / x.Length)) + (1e-12 * Math.Abs(distribution.Mean));
        Assert.True(Math.Abs(mean - distribution.Mean) <= meanTolerance,
            $"{distribution}: sample mean {mean} vs {distribution.Mean} (tolerance {meanTolerance})");

        // Variance: the standard error of the sample variance is sqrt((mu4 - sigma^4) / n), which depends on
        // the fourth central moment, so a fixed relative tolerance would be far too loose for the uniform and
        // too tight for heavy tails. mu4 is estimated from the same sample; 5 rather than 4 standard errors
        // because that standard error is itself an estimate.
        double m2 = 0;
        double m4 = 0;
        foreach (double v in x)
        {
            double d2 = (v - mean) * (v - mean);
            m2 += d2;
            m4 += d2 * d2;
        }

        double variance = m2 / (x.Length - 1);
        m4 /= x.Length;
        double varianceStandardError = Math.Sqrt(Math.Max(m4 - (variance * variance), 0) / x.Length);
        double varianceTolerance = (5 * varianceStandardError) + (1e-12 * (distribution.Variance + (distribution.Mean * distribution.Mean)));
        Assert.True(Math.Abs(variance - distribution.Variance) <= varianceTolerance,
            $"{distribution}: sample variance {variance} vs {distribution.Variance} (tolerance {varianceTolerance})");

        // Kolmogorov–Smirnov at the 1% level. The statistic is computed at the jumps of the empirical CDF,
        // comparing both F(v) and the left limit F(v-) so that it is exact for continuous distributions and
        // also valid (conservative) for the discrete ones (constant, empirical, zero sd): no case is skipped.
        double ks = KolmogorovSmirnov(x, distribution);
        double critical = 1.63 / Math.Sqrt(x.Length);
        Assert.True(ks < critical, $"{distribution}: KS statistic {ks} >= {critical}");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Sample_SameSeed_GivesSameValues(string name)
    {
        Distribution distribution = Cases[name];
        var a = RandomStream.Create(7, "s", 0);
        var b = RandomStream.Create(7, "s", 0);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(distribution.Sample(a), distribution.Sample(b));
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void CumulativeDistribution_AnyCase_IsMonotoneFromZeroToOne(string name)
    {
        Distribution distribution = Cases[name];
        double sd = distribution.StandardDeviation;
        double low = distribution.Mean - (20 * sd) - 1;
        double high = distribution.Mean + (60 * sd) + 1;
        double previous = 0;
        for (int i = 0; i <= 1000; i++)
        {
            double f = distribution.CumulativeDistribution(low + ((high - low) * i / 1000));
            Assert.InRange(f, previous, 1.0);
            previous = f;
        }

        Assert.Equal(0.0, distribution.CumulativeDistribution(low), 12);
        Assert.Equal(1.0, distribution.CumulativeDistribution(high), 9);
    }

    [Fact]
    public void Sample_Constant_DrawsNothingFromTheStream()
    {
        var stream = new RandomStream(1);
        var twin = new RandomStream(1);

        Assert.Equal(7.5, Distribution.Constant(7.5).Sample(stream));
        Assert.Equal(twin.NextUInt64(), stream.NextUInt64());
    }

    [Fact]
    public void Empirical_SourceListChangedAfterwards_KeepsOriginalValues()
    {
        var values = new List<double> { 1, 2, 3 };
        var distribution = Distribution.Empirical(values);
        values[0] = 100;

        Assert.Equal(2, distribution.Mean);
        Assert.Equal(2.0 / 3, distribution.Variance, 12);
        Assert.Equal(1.0 / 3, distribution.CumulativeDistribution(1), 12);
    }

    [Fact]
    public void Sample_NullStream_ThrowsArgumentNullException()
    {
        foreach (Distribution distribution in Cases.Values)
        {
            Assert.Throws<ArgumentNullException>(() => distribution.Sample(null!));
        }
    }

    [Theory]
    [InlineData("constant", "constant(7.5)")]
    [InlineData("exponential", "exponential(5)")]
    [InlineData("uniform", "uniform(2, 10)")]
    [InlineData("triangular", "triangular(20, 24, 30)")]
    [InlineData("normal", "normal(10, 2)")]
    [InlineData("lognormal", "lognormal(10, 5)")]
    [InlineData("gamma", "gamma(2.5, 3)")]
    [InlineData("erlang", "erlang(3, 12)")]
    [InlineData("empirical", "empirical(1, 2, 2, 5, 8.5)")]
    public void ToString_Case_ShowsNameAndParametersInFactoryOrder(string name, string expected)
    {
        Assert.Equal(expected, Cases[name].ToString());
    }

    private static readonly Dictionary<string, (Func<Distribution> Create, string ParamName)> InvalidCases = new()
    {
        ["constant NaN"] = (() => Distribution.Constant(double.NaN), "value"),
        ["constant infinity"] = (() => Distribution.Constant(double.PositiveInfinity), "value"),
        ["exponential zero mean"] = (() => Distribution.Exponential(0), "mean"),
        ["exponential negative mean"] = (() => Distribution.Exponential(-1), "mean"),
        ["exponential NaN mean"] = (() => Distribution.Exponential(double.NaN), "mean"),
        ["exponential infinite mean"] = (() => Distribution.Exponential(double.PositiveInfinity), "mean"),
        ["uniform max equals min"] = (() => Distribution.Uniform(3, 3), "max"),
        ["uniform max below min"] = (() => Distribution.Uniform(3, 1), "max"),
        ["uniform NaN min"] = (() => Distribution.Uniform(double.NaN, 1), "min"),
        ["uniform infinite max"] = (() => Distribution.Uniform(0, double.PositiveInfinity), "max"),
        ["triangular mode below min"] = (() => Distribution.Triangular(20, 19, 30), "mode"),
        ["triangular mode above max"] = (() => Distribution.Triangular(20, 31, 30), "mode"),
        ["triangular max equals min"] = (() => Distribution.Triangular(20, 20, 20), "max"),
        ["triangular NaN mode"] = (() => Distribution.Triangular(20, double.NaN, 30), "mode"),
        ["normal negative sd"] = (() => Distribution.Normal(10, -1), "standardDeviation"),
        ["normal NaN mean"] = (() => Distribution.Normal(double.NaN, 1), "mean"),
        ["normal infinite sd"] = (() => Distribution.Normal(0, double.PositiveInfinity), "standardDeviation"),
        ["lognormal zero mean"] = (() => Distribution.LogNormal(0, 1), "mean"),
        ["lognormal negative mean"] = (() => Distribution.LogNormal(-5, 1), "mean"),
        ["lognormal negative sd"] = (() => Distribution.LogNormal(5, -1), "standardDeviation"),
        ["gamma zero shape"] = (() => Distribution.Gamma(0, 1), "shape"),
        ["gamma negative scale"] = (() => Distribution.Gamma(2, -1), "scale"),
        ["gamma NaN scale"] = (() => Distribution.Gamma(2, double.NaN), "scale"),
        ["erlang zero phases"] = (() => Distribution.Erlang(0, 10), "k"),
        ["erlang zero mean"] = (() => Distribution.Erlang(2, 0), "mean"),
        ["empirical empty"] = (() => Distribution.Empirical([]), "values"),
        ["empirical NaN value"] = (() => Distribution.Empirical([1, double.NaN]), "values"),
        ["empirical infinite value"] = (() => Distribution.Empirical([double.NegativeInfinity]), "values"),
    };

    public static TheoryData<string> AllInvalidCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in InvalidCases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllInvalidCases))]
    public void Factory_InvalidParameter_ThrowsArgumentOutOfRangeExceptionNamingIt(string name)
    {
        (Func<Distribution> create, string paramName) = InvalidCases[name];

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(paramName, ex.ParamName);
        Assert.NotNull(ex.ActualValue);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Empirical_NullValues_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Distribution.Empirical(null!));
        Assert.Equal("values", ex.ParamName);
    }

    // The two-sided KS distance sup |F_n(x) - F(x)|, evaluated at each distinct sample value v both at v
    // and just below it (F at the next double down stands in for the left limit F(v-)).
    private static double KolmogorovSmirnov(double[] sample, Distribution distribution)
    {
        var sorted = (double[])sample.Clone();
        Array.Sort(sorted);
        double n = sorted.Length;
        double d = 0;
        int i = 0;
        while (i < sorted.Length)
        {
            double v = sorted[i];
            int j = i;
            while (j < sorted.Length && sorted[j] == v)
            {
                j++;
            }

            double below = distribution.CumulativeDistribution(Math.BitDecrement(v));
            double at = distribution.CumulativeDistribution(v);
            d = Math.Max(d, Math.Max(Math.Abs((i / n) - below), Math.Abs((j / n) - at)));
            i = j;
        }

        return d;
    }
}
