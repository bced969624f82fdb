using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;
using Xunit;

namespace CorridorSim.Tests.Experiments.Capacity;

/// <summary>
/// Closed-form checks of the capacity search: a ceiling that follows from a leg's arithmetic, a bottleneck named by
/// its counterfactual, service capacity at a mix on a shared leg. 2025 has 365 days.
/// </summary>
public sealed class CapacitySearchTests
{
    private const int Year = 2025;
    private const double HoursPerYear = 365 * 24;

    private static Scenario Scenario(CorridorDefinition corridor, double transitFactor = 2) => new()
    {
        Name = "capacity-test",
        Simulation = new SimulationSettings
        {
            StartYear = Year,
            Years = 1,
            WarmupDays = 30,
            Seed = 11,
            TargetTons = 1e6,
            ServiceTransitFactor = transitFactor,
        },
        Corridor = corridor,
    };

    private static CargoFlowDefinition Flow(string id, string commodity, string unit, double tonsPerUnit, double annualTons, string origin, string destination, params string[] legs) => new()
    {
        Id = id,
        Commodity = commodity,
        Unit = unit,
        TonsPerUnit = tonsPerUnit,
        AnnualTons = annualTons,
        BaseYear = Year,
        Origin = origin,
        Destination = destination,
        Routes = [new RouteDefinition { Legs = legs }],
    };

    private static CapacityResult Search(Scenario scenario, int replications = 4, int candidates = 0, double resolution = 0.02, int maxProbes = 6) =>
        CapacityStudy.Run(scenario, scenario.Simulation.Seed,
            new CapacityOptions { Replications = replications, BottleneckCandidates = candidates, Resolution = resolution, MaxProbes = maxProbes },
            maxThreads: 2, progress: null, CancellationToken.None);

    /// <summary>Asserts the closed form lies in the 95 % CI widened by a stated allowance for the year's edges.</summary>
    private static void AssertWithin(Estimate e, double expected, double allowance)
    {
        double slack = allowance * expected;
        Assert.True(e.Ci95Low - slack <= expected && expected <= e.Ci95High + slack,
            $"expected {expected:F0} within [{e.Ci95Low:F0}, {e.Ci95High:F0}] ± {slack:F0} (mean {e.Mean:F0})");
    }

    [Fact]
    public void Ceiling_SingleVesselLeg_IsVesselsTimesCapacityOverRoundTrip()
    {
        // Ample berths, constant handling; a full vessel every call: loads at A, sails, unloads at B, sails back.
        CorridorDefinition corridor = new CorridorBuilder("one-leg")
            .AddUnit("wagon", unitsPerTrain: 1)
            .AddPort("port:a", berths: 10, handlingHours: Distribution.Constant(6))
            .AddPort("port:b", berths: 10, handlingHours: Distribution.Constant(6))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:a-b",
                PortA = "port:a",
                PortB = "port:b",
                Unit = "wagon",
                Vessels = [.. Enumerable.Range(1, 3).Select(i => new VesselDefinition { Name = "v" + i, CapacityUnits = 50 })],
                SailingHours = Distribution.Triangular(16, 20, 24),
            })
            .AddFlow(Flow("f", "other", "wagon", 60, 500_000, "port:a", "port:b", "ferry:a-b"))
            .Build();
        double roundTripHours = (2 * 6) + (2 * 20);
        double expected = 3 * 50 * 60 * HoursPerYear / roundTripHours;

        CapacityResult result = Search(Scenario(corridor), replications: 6);

        YearCapacity y = Assert.Single(result.Years);
        AssertWithin(y.CeilingTons, expected, allowance: 0.01);
        Assert.True(y.ServiceCapacityTons.Mean <= y.CeilingTons.Mean);
    }

    [Fact]
    public void Ceiling_SingleRailSection_IsTrainsPerDayTimesUnitsPerTrain()
    {
        CorridorDefinition corridor = new CorridorBuilder("one-rail")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddRail("rail:a-b", "a", "b", trainsPerDay: 4, Distribution.Triangular(10, 12, 16))
            .AddFlow(Flow("f", "other", "wagon", 60, 2_000_000, "a", "b", "rail:a-b"))
            .Build();
        double expected = 4 * 365 * 50 * 60.0;

        CapacityResult result = Search(Scenario(corridor));

        YearCapacity y = Assert.Single(result.Years);
        AssertWithin(y.CeilingTons, expected, allowance: 0.01);
        Assert.InRange(y.ServiceCapacityTons.Mean, 0.5 * expected, expected * 1.01);
    }

    [Fact]
    public void Bottleneck_TandemOfRailSections_IsTheSlowerSection()
    {
        CorridorDefinition corridor = new CorridorBuilder("tandem")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddRail("rail:fast", "a", "b", trainsPerDay: 10, Distribution.Triangular(10, 12, 16))
            .AddRail("rail:slow", "b", "c", trainsPerDay: 6, Distribution.Triangular(10, 12, 16))
            .AddFlow(Flow("f", "other", "wagon", 60, 3_000_000, "a", "c", "rail:fast", "rail:slow"))
            .Build();
        double slowest = 6 * 365 * 50 * 60.0;

        CapacityResult result = Search(Scenario(corridor), candidates: 2);

        YearCapacity y = Assert.Single(result.Years);
        AssertWithin(y.CeilingTons, slowest, allowance: 0.01);
        Assert.Equal(2, y.Bottlenecks.Count);
        BottleneckGain top = y.Bottlenecks[0];
        Assert.Equal("rail:slow", top.Component);
        Assert.True(top.ServiceCapacityGainTons.Ci95Low > 0, $"gain {top.ServiceCapacityGainTons.Mean:F0}, CI low {top.ServiceCapacityGainTons.Ci95Low:F0}");
        // +20 % trains on the slow section lifts the ceiling by 20 % (to the fast section's 10/day it stays below).
        AssertWithin(top.CeilingGainTons, 0.2 * slowest, allowance: 0.02);
        Assert.True(y.Bottlenecks[1].CeilingGainTons.Mean < 0.02 * slowest, "relieving the fast section gains nothing");
    }

    [Fact]
    public void ServiceCapacity_MixOnASharedSection_FollowsItsTrainArithmetic()
    {
        // Containers (60 TEU × 14 t a train) and grain (50 wagons × 60 t) share a section of 8 trains a day; at the
        // mix (25 % containers by tons) a ton needs 0.25/840 + 0.75/3000 trains, which fixes the tons the section
        // carries. With a lax transit limit the search stops at the stable-backlog rule, which lets the backlog grow
        // by up to 5 % of the demand: so from 3 % below (noise and the 1 % resolution) to 6 % above it.
        CorridorDefinition corridor = new CorridorBuilder("mix")
            .AddUnit("teu", unitsPerTrain: 60)
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddRail("rail:shared", "a", "b", trainsPerDay: 8, Distribution.Triangular(10, 12, 16))
            .AddFlow(Flow("containers", "containers", "teu", 14, 500_000, "a", "b", "rail:shared"))
            .AddFlow(Flow("grain", "grain", "wagon", 60, 1_500_000, "a", "b", "rail:shared"))
            .Build();
        double atMix = 8 * 365 / ((0.25 / (60 * 14)) + (0.75 / (50 * 60)));

        CapacityResult result = Search(Scenario(corridor, transitFactor: 100), resolution: 0.01, maxProbes: 10);

        YearCapacity y = Assert.Single(result.Years);
        Assert.InRange(y.ServiceCapacityTons.Mean, 0.97 * atMix, 1.06 * atMix);
        Assert.Equal(0.25, y.ServiceCapacityTonsByCommodity["containers"].Mean / y.ServiceCapacityTons.Mean, 6);
    }

    private static CorridorDefinition FleetAndBerths(int berthsAtA) => new CorridorBuilder("berths")
        .AddUnit("wagon", unitsPerTrain: 1)
        .AddPort("port:a", berths: berthsAtA, handlingHours: Distribution.Triangular(10, 12, 14))
        .AddPort("port:b", berths: 10, handlingHours: Distribution.Constant(2))
        .Add(new VesselLegDefinition
        {
            Id = "ferry:a-b",
            PortA = "port:a",
            PortB = "port:b",
            Unit = "wagon",
            Vessels = [.. Enumerable.Range(1, 4).Select(i => new VesselDefinition { Name = "v" + i, CapacityUnits = 50 })],
            SailingHours = Distribution.Triangular(8, 10, 12),
        })
        .AddFlow(Flow("f", "other", "wagon", 60, 1_000_000, "port:a", "port:b", "ferry:a-b"))
        .Build();

    [Fact]
    public void Bottleneck_FleetQueueingForOneBerth_IsThePort_AndMovesToTheFleetWithBerths()
    {
        // Four vessels on a 34 h round trip each need the berth 12 h of it: one berth (4 × 12 h per 34 h > 1) binds.
        YearCapacity oneBerth = Assert.Single(Search(Scenario(FleetAndBerths(1)), candidates: 3).Years);
        Assert.Equal("port:a", oneBerth.Bottlenecks[0].Component);
        Assert.True(oneBerth.Bottlenecks[0].ServiceCapacityGainTons.Ci95Low > 0);

        // With four berths nobody waits for one: the fleet binds, and a fifth vessel is what adds capacity.
        YearCapacity fourBerths = Assert.Single(Search(Scenario(FleetAndBerths(4)), candidates: 3).Years);
        Assert.Equal("ferry:a-b", fourBerths.Bottlenecks[0].Component);
        Assert.True(fourBerths.Bottlenecks.Single(b => b.Component == "port:a").CeilingGainTons.Mean < 0.02 * fourBerths.CeilingTons.Mean);
    }

    [Fact]
    public void Run_HalfCeilingNotServed_SimulatesTheRepeatedMidpointOnce()
    {
        // Flow a has ample rail, flow b a 0.22 Mt/yr one (1 train/day of 10 boxes of 60 t) for 1 Mt of demand: the
        // saturated probe delivers about 2.2 Mt, and at half of that b's share still overloads its rail, so the
        // half-ceiling probe is not served and the bisection's first midpoint (0 + hi) / 2 is the same factor.
        CorridorDefinition corridor = new CorridorBuilder("half-not-served")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddUnit("box", unitsPerTrain: 10)
            .AddRail("rail:a", "a", "a2", trainsPerDay: 40, Distribution.Triangular(10, 12, 16))
            .AddRail("rail:b", "b", "b2", trainsPerDay: 1, Distribution.Triangular(10, 12, 16))
            .AddFlow(Flow("fa", "other", "wagon", 60, 1_000_000, "a", "a2", "rail:a"))
            .AddFlow(Flow("fb", "other", "box", 60, 1_000_000, "b", "b2", "rail:b"))
            .Build();

        CapacityResult result = Search(Scenario(corridor), replications: 1, maxProbes: 1);

        // The saturated probe and the half-ceiling one; the midpoint reuses the latter's year.
        Assert.Equal(2, result.Probes);
        Assert.Equal(0, Assert.Single(result.Years).ServiceCapacityTons.Mean);
    }

    [Fact]
    public void Run_AnyThreadCount_GivesTheSameResult()
    {
        Scenario scenario = Scenario(FleetAndBerths(1));
        var options = new CapacityOptions { Replications = 2, BottleneckCandidates = 1, MaxProbes = 3 };
        CapacityResult one = CapacityStudy.Run(scenario, 5, options, maxThreads: 1, progress: null, CancellationToken.None);
        CapacityResult two = CapacityStudy.Run(scenario, 5, options, maxThreads: 2, progress: null, CancellationToken.None);
        Assert.Equal(one.Probes, two.Probes);
        Assert.Equal(one.Years[0].ServiceCapacityTons, two.Years[0].ServiceCapacityTons);
        Assert.Equal(one.Years[0].CeilingTons, two.Years[0].CeilingTons);
        Assert.Equal(one.Years[0].Bottlenecks[0].ServiceCapacityGainTons, two.Years[0].Bottlenecks[0].ServiceCapacityGainTons);
    }

    [Fact]
    public void RunYears_EachYearApartThenSummarised_IsTheWholeRun()
    {
        // A shard of `run --capacity` searches some years; the merge summarises every year's searches read back.
        Scenario scenario = Scenario(FleetAndBerths(1));
        scenario = scenario with { Simulation = scenario.Simulation with { Years = 2 } };
        var options = new CapacityOptions { Replications = 2, BottleneckCandidates = 2, MaxProbes = 3 };
        CapacityResult whole = CapacityStudy.Run(scenario, 5, options, maxThreads: 2, progress: null, CancellationToken.None);

        YearSearches second = Assert.Single(CapacityStudy.RunYears(scenario, 5, options, [1], maxThreads: 1, progress: null, CancellationToken.None));
        YearSearches first = Assert.Single(CapacityStudy.RunYears(scenario, 5, options, [0], maxThreads: 2, progress: null, CancellationToken.None));
        CapacityResult merged = CapacityStudy.Summarise(scenario, options, [first, second]);

        Assert.Equal([Year, Year + 1], merged.Years.Select(y => y.Year));
        Assert.Equal(2, second.Candidates.Count);
        Assert.Equal(whole.Probes, merged.Probes);
        Assert.Equal(whole.FirstYearTargetMet, merged.FirstYearTargetMet);
        for (int y = 0; y < 2; y++)
        {
            YearCapacity a = whole.Years[y], b = merged.Years[y];
            Assert.Equal(a.ServiceCapacityTons, b.ServiceCapacityTons);
            Assert.Equal(a.CeilingTons, b.CeilingTons);
            Assert.Equal(a.ProbabilityTargetMet, b.ProbabilityTargetMet);
            Assert.Equal(a.ServiceCapacityTonsByCommodity, b.ServiceCapacityTonsByCommodity);
            Assert.Equal(a.Bottlenecks.Select(g => (g.Component, g.ServiceCapacityGainTons, g.CeilingGainTons)), b.Bottlenecks.Select(g => (g.Component, g.ServiceCapacityGainTons, g.CeilingGainTons)));
        }
    }

    [Fact]
    public void Run_ProbesThatWouldPassTheBacklogCap_StayWithinItAndFinish()
    {
        // Diversion off and a 3 Mt backlog cap: doubling the 1 Mt demand to 8 Mt would pile 3.6 Mt in the queue and
        // stop the probe; the search keeps every probe's whole demand under the cap instead.
        CorridorDefinition corridor = new CorridorBuilder("capped")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddRail("rail:a-b", "a", "b", trainsPerDay: 4, Distribution.Triangular(10, 12, 16))
            .AddFlow(Flow("f", "other", "wagon", 60, 1_000_000, "a", "b", "rail:a-b") with { Diversion = new DiversionRule { Mode = DiversionMode.Off } })
            .Build();
        Scenario scenario = Scenario(corridor);
        scenario = scenario with { Simulation = scenario.Simulation with { MaxTonsInSystem = 3_000_000 } };

        YearCapacity y = Assert.Single(Search(scenario, replications: 2).Years);

        Assert.True(y.CeilingTons.Mean <= 3_000_000, $"ceiling {y.CeilingTons.Mean:F0}");
        Assert.True(y.ServiceCapacityTons.Mean <= y.CeilingTons.Mean);
    }
}
