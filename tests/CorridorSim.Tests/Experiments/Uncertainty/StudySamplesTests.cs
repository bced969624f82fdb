using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;
using Xunit;

namespace CorridorSim.Tests.Experiments.Uncertainty;

/// <summary>How a study's samples are drawn and applied to a scenario.</summary>
public sealed class StudySamplesTests
{
    private static UncertaintyDefinition Design(int samples, params UncertainInput[] inputs) => new() { Samples = samples, Inputs = inputs };

    private static UncertainInput Input(string name, double low = 0, double high = 1) => new()
    {
        Name = name, Kind = UncertainInputKind.DemandLevel, Distribution = Distribution.Uniform(low, high), Source = "E",
    };

    [Fact]
    public void Values_SameSeed_AreReproducible()
    {
        UncertaintyDefinition u = Design(50, Input("a"), Input("b"));
        Assert.Equal(StudySamples.Values(u, 3), StudySamples.Values(u, 3));
        Assert.NotEqual(StudySamples.Values(u, 3), StudySamples.Values(u, 4));
    }

    [Fact]
    public void Values_SameInputName_DrawTheSameInAnotherScenario()
    {
        // Common samples: an input keeps its draws whatever other inputs a scenario states, so alternatives share samples.
        double[][] one = StudySamples.Values(Design(40, Input("demand"), Input("storms")), 9);
        double[][] other = StudySamples.Values(Design(40, Input("delay"), Input("demand")), 9);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(one[i][0], other[i][1]);
        }

        Assert.Equal(40, one.Select(v => v[0]).Distinct().Count()); // a different sample index draws a different value
        Assert.NotEqual(one.Select(v => v[1]), other.Select(v => v[0]));
    }

    [Fact]
    public void Values_LatinHypercube_PutOneSampleInEachStratum()
    {
        double[] v = [.. StudySamples.Values(Design(20, Input("x", 10, 30)), 1).Select(s => s[0])];
        Assert.Equal(Enumerable.Range(0, 20), v.Select(x => (int)Math.Floor(x - 10)).Order());
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.93)]
    public void Quantile_MatchesTheInverseCdf(double p)
    {
        Assert.Equal(MathNet.Numerics.Distributions.Triangular.InvCDF(2, 9, 4, p), StudySamples.Quantile(Distribution.Triangular(2, 4, 9), p), 9);
        Assert.Equal(MathNet.Numerics.Distributions.Normal.InvCDF(5, 2, p), StudySamples.Quantile(Distribution.Normal(5, 2), p), 9);
        double mu = Math.Log(4), sigma = 0.6;
        double mean = Math.Exp(mu + (sigma * sigma / 2)), sd = mean * Math.Sqrt(Math.Exp(sigma * sigma) - 1);
        Assert.Equal(MathNet.Numerics.Distributions.LogNormal.InvCDF(mu, sigma, p), StudySamples.Quantile(Distribution.LogNormal(mean, sd), p), 8);
        Assert.Equal(7, StudySamples.Quantile(Distribution.Constant(7), p), 9);
    }

    [Fact]
    public void Value_InvestmentDelay_IsZeroBelowTheOnTimeProbabilityAndTruncatedAbove()
    {
        var input = new UncertainInput
        {
            Name = "delay", Kind = UncertainInputKind.InvestmentDelay, OnTimeProbability = 0.3,
            DelayYears = Distribution.Uniform(1, 20), MaxDelayYears = 11, Investments = ["x"], Source = "E",
        };
        Assert.Equal(0, StudySamples.Value(input, 0.29));
        Assert.Equal(1, StudySamples.Value(input, 0.3), 6);
        // Above the on-time share, the delay is the truncated distribution's quantile: uniform on [1, 11].
        Assert.Equal(6, StudySamples.Value(input, 0.65), 6);
        Assert.True(StudySamples.Value(input, 0.999999) <= 11);
    }

    [Fact]
    public void Apply_InvestmentDelayOfOneYear_RedatesTheInvestmentOneYearLater()
    {
        DateTime date = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        Scenario s = TestScenarios.Small(years: 3) is var small ? small with { Corridor = small.Corridor with { Investments = [StudyScenarios.MoreFerries(date)] } } : null!;
        var u = Design(1, new UncertainInput
        {
            Name = "ferries-late", Kind = UncertainInputKind.InvestmentDelay, Investments = ["two more ferries"],
            DelayYears = Distribution.Constant(1), Source = "E",
        });
        Scenario late = StudySamples.Apply(s, u, [StudySamples.Value(u.Inputs[0], 0.42)]);
        Assert.Equal(date.AddYears(1), late.Corridor.Investments[0].Date);
    }

    [Fact]
    public void Apply_DemandLevelAndGrowth_SetEverySimulatedYear()
    {
        Scenario s = TestScenarios.Small(annualTons: 100_000, years: 4, growthPerYear: 0.1);
        var level = Input("level");
        var growth = new UncertainInput { Name = "growth", Kind = UncertainInputKind.DemandGrowth, FromYear = 2025, Distribution = Distribution.Uniform(0, 1), Source = "E" };
        Scenario applied = StudySamples.Apply(s, Design(1, level, growth), [2, 0.5]);
        CargoFlowDefinition f = applied.Corridor.Flows[0];
        Assert.Equal(2 * 100_000, f.TonsInYear(2024), 6); // the start year doubled, as the warm-up year below
        Assert.Equal(2 * 100_000 * 1.1, f.TonsInYear(2025), 6);
        Assert.Equal(2 * 100_000 * 1.1 * 1.5 * 1.5, f.TonsInYear(2027), 6); // 50 %/yr after 2025, replacing 10 %
        Assert.Equal(2 * 100_000 / 1.1, f.TonsInYear(2023), 6);
    }

    [Fact]
    public void Apply_CountParameter_IsRounded()
    {
        Scenario s = TestScenarios.Small();
        var vessels = new UncertainInput { Name = "fleet", Kind = UncertainInputKind.Parameter, Path = "vesselLegs[ferry:kuryk-alat].vessels", Distribution = Distribution.Uniform(1.5, 5.5), Source = "E" };
        Assert.Equal(4, StudySamples.Apply(s, Design(1, vessels), [3.6]).Corridor.VesselLegs[0].Vessels.Count);
        var handling = new UncertainInput { Name = "h", Kind = UncertainInputKind.Parameter, Path = "ports[port:kuryk].handlingHoursFactor", Distribution = Distribution.Uniform(0.5, 2), Source = "E" };
        Assert.Equal(1.5 * s.Corridor.Ports[0].HandlingHours.Mean, StudySamples.Apply(s, Design(1, handling), [1.5]).Corridor.Ports[0].HandlingHours.Mean, 9);
    }

    [Fact]
    public void Apply_StormInputs_ScaleTheNamedPortsOnly()
    {
        var storms = new StormDefinition { EpisodesPerMonth = [.. Enumerable.Repeat(1.0, 12)], DurationHours = Distribution.Triangular(24, 48, 96) };
        Scenario s = TestScenarios.Small();
        s = s with { Corridor = s.Corridor with { Components = [.. s.Corridor.Components.Select(c => c is PortDefinition p ? p with { Storms = storms } : c)] } };
        var rate = new UncertainInput { Name = "rate", Kind = UncertainInputKind.StormRate, Ports = ["port:kuryk"], Distribution = Distribution.Uniform(0, 2), Source = "E" };
        var duration = new UncertainInput { Name = "duration", Kind = UncertainInputKind.StormDuration, Distribution = Distribution.Uniform(0.5, 2), Source = "E" };
        Scenario applied = StudySamples.Apply(s, Design(1, rate, duration), [1.5, 0.5]);
        PortDefinition kuryk = applied.Corridor.Ports.Single(p => p.Id == "port:kuryk"), alat = applied.Corridor.Ports.Single(p => p.Id == "port:alat");
        Assert.All(kuryk.Storms!.EpisodesPerMonth, e => Assert.Equal(1.5, e));
        Assert.All(alat.Storms!.EpisodesPerMonth, e => Assert.Equal(1.0, e));
        Assert.Equal(28, kuryk.Storms.DurationHours.Mean, 9);
        Assert.Equal(28, alat.Storms!.DurationHours.Mean, 9);
    }

    [Fact]
    public void Apply_SeaLevelFall_LowersTheLoadFactorFromItsAnchorAndRestartsAtDredging()
    {
        Scenario s = TestScenarios.Small(years: 5);
        VesselLegDefinition leg = s.Corridor.VesselLegs[0] with { LoadFactorByYear = new Dictionary<int, double> { [2024] = 0.8, [2025] = 0.77 } };
        var dredging = new InvestmentDefinition { Name = "dredging", Date = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), Component = leg.Id, Kind = InvestmentKind.LoadFactor, Value = 0.9 };
        s = s with { Corridor = s.Corridor with { Components = [.. s.Corridor.Components.Select(c => c.Id == leg.Id ? leg : c)], Investments = [dredging] } };
        var fall = new UncertainInput { Name = "level", Kind = UncertainInputKind.SeaLevelFall, LoadFactorPerCm = 0.002, Distribution = Distribution.Uniform(0, 40), Source = "E" };
        Scenario applied = StudySamples.Apply(s, Design(1, fall), [20]); // 0.04 a year
        IReadOnlyDictionary<int, double> table = applied.Corridor.VesselLegs[0].LoadFactorByYear;
        Assert.Equal(0.8, table[2024], 9);
        Assert.Equal(0.76, table[2025], 9);
        Assert.Equal(0.72, table[2026], 9);
        InvestmentDefinition[] added = [.. applied.Corridor.Investments.Where(i => i.Name.StartsWith("level:", StringComparison.Ordinal))];
        Assert.Equal([2027, 2028], added.Select(i => i.Date.Year));
        Assert.Equal(0.9 - (0.04 * 184 / 365.25), added[0].Value, 9); // half a year after the dredging
        Assert.Equal(0.9 - (0.04 * (184 + 365) / 365.25), added[1].Value, 9);
    }
}
