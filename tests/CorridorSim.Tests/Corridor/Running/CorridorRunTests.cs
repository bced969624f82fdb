using CorridorSim.Corridor;
using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.Running;

/// <summary>Tests of <see cref="CorridorRun"/>: mass conservation, dated investments, route choice and yearly KPIs.</summary>
public sealed class CorridorRunTests(ITestOutputHelper output)
{
    private static readonly DateTime July1 = new(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    // ---- 1. conservation of tons ------------------------------------------------------------------------

    [Property(MaxTest = 40)]
    public Property TonsInSystemByCommodity_RandomSmallCorridorStoppedMidYear_GeneratedEqualsDeliveredPlusDivertedPlusInSystem() =>
        Prop.ForAll(RandomCorridor.Generator().ToArbitrary(), (RandomCorridor corridor) =>
        {
            CorridorRun run = corridor.CreateRun();
            run.RunUntil(corridor.StopDate);

            IReadOnlyDictionary<string, double> generated = run.GeneratedTonsByCommodity();
            IReadOnlyDictionary<string, double> delivered = run.DeliveredTonsByCommodity();
            IReadOnlyDictionary<string, double> diverted = run.DivertedTonsByCommodity();
            IReadOnlyDictionary<string, double> inSystem = run.TonsInSystemByCommodity();
            Assert.Equal(corridor.Flows.Select(f => f.Commodity).Distinct().Order(), generated.Keys.Order());
            Assert.All(inSystem.Keys, c => Assert.Contains(c, generated.Keys));
            foreach ((string commodity, double g) in generated)
            {
                double d = delivered.GetValueOrDefault(commodity);
                double v = diverted.GetValueOrDefault(commodity);
                double s = inSystem.GetValueOrDefault(commodity);
                Assert.True(Math.Abs(g - (d + v + s)) <= 1e-6 * Math.Max(1, g),
                    $"{commodity}: generated {g:F3} t, delivered {d:F3} t + diverted {v:F3} t + in system {s:F3} t = {d + v + s:F3} t");
            }

            Assert.Equal(run.TotalDivertedTons, diverted.Values.Sum(), 6);
            if (corridor.DivertAfterDays == 0)
            {
                Assert.Equal(0, run.TotalDivertedTons);
            }

            Assert.False(run.AnyUnitHeldTwice(), "a unit is held by two components at once");
        });

    [Property(MaxTest = 20)]
    public Property RunYear_RandomSmallCorridor_TimeStatesSumToOneAndTheYearBalances() =>
        Prop.ForAll(RandomCorridor.Generator().ToArbitrary(), (RandomCorridor corridor) =>
        {
            CorridorRun run = corridor.CreateRun();
            YearResult y = run.RunYear();

            foreach (ComponentKpi c in y.Components)
            {
                ComponentTimeStates s = c.TimeStates;
                double[] shares = [s.Working, s.Sailing, s.Loading, s.WaitingForBerth, s.WeatherBound, s.WaitingForBackhaul, s.Idle];
                Assert.All(shares, x => Assert.InRange(x, 0, 1));
                Assert.True(Math.Abs(shares.Sum() - 1) < 1e-9, $"{c.Id}: time states sum to {shares.Sum():R}");
                if (c.Kind == "ferry")
                {
                    Assert.Equal(s.Sailing + s.Loading + s.WaitingForBackhaul, c.Utilization, 9);
                }
            }

            // Per year: generated = delivered + diverted + growth of the tons in the system.
            double balance = y.DeliveredTons + y.DivertedTons + y.TonsInSystemAtYearEnd - y.TonsInSystemAtYearStart;
            Assert.True(Math.Abs(y.GeneratedTons - balance) <= 1e-6 * Math.Max(1, y.GeneratedTons), $"generated {y.GeneratedTons:F3} t, balance {balance:F3} t");
            Assert.InRange(y.DeliveredFromBacklogTons, 0, Math.Min(y.DeliveredTons, y.TonsInSystemAtYearStart) + 1e-6);
            Assert.Equal(y.TonsInSystemAtYearEnd - y.TonsInSystemAtYearStart > YearResult.UnstableGrowthShare * y.GeneratedTons, y.Unstable);
            Assert.False(run.AnyUnitHeldTwice(), "a unit is held by two components at once");
        });

    // ---- 4. dated investments -------------------------------------------------------------------------

    /// <summary>A saturated rail line o → d: 2 trains/day of 20 units of 30 t (438,000 t/yr), demand 1.2 Mt/yr.</summary>
    private static CorridorBuilder SaturatedLine() =>
        new CorridorBuilder("line")
            .AddUnit("wagon", unitsPerTrain: 20)
            .AddRail("rail:o-d", "o", "d", trainsPerDay: 2, Distribution.Constant(10))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = 30, AnnualTons = 1_200_000, BaseYear = 2024,
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = ["rail:o-d"] }],
            });

    [Fact]
    public void RunYear_TrainsPerDayRaisedOnFirstJuly_IdenticalBeforeAndHigherCapacityAfter()
    {
        CorridorRun without = SaturatedLine().BuildModel().CreateRun(7, 0, 2024, warmupDays: 30);
        CorridorRun with = SaturatedLine()
            .AddInvestment(new InvestmentDefinition { Name = "second track", Date = July1, Component = "rail:o-d", Kind = InvestmentKind.TrainsPerDay, Value = 4 })
            .BuildModel().CreateRun(7, 0, 2024, warmupDays: 30);

        without.RunUntil(July1);
        with.RunUntil(July1);
        double firstHalfWithout = without.Component("rail:o-d").TonsThrough;
        double firstHalfWith = with.Component("rail:o-d").TonsThrough;
        Assert.Equal(firstHalfWithout, firstHalfWith);
        Assert.Equal(without.TotalDeliveredTons, with.TotalDeliveredTons);
        Assert.Equal(without.Simulation.EventsProcessed, with.Simulation.EventsProcessed);

        YearResult yWithout = without.RunYear();
        YearResult yWith = with.RunYear();
        double secondHalfWithout = yWithout.Components.Single(c => c.Id == "rail:o-d").TonsThrough - firstHalfWithout;
        double secondHalfWith = yWith.Components.Single(c => c.Id == "rail:o-d").TonsThrough - firstHalfWith;
        output.WriteLine($"first half {firstHalfWith:F0} t; second half without {secondHalfWithout:F0} t, with {secondHalfWith:F0} t");

        const double train = 20 * 30;
        const double days1 = 182, days2 = 184; // 2024: 1 Jan–30 Jun, 1 Jul–31 Dec
        Assert.InRange(firstHalfWith, (2 * days1 * train) - train, (2 * days1 * train) + train);
        Assert.InRange(secondHalfWithout, (2 * days2 * train) - train, (2 * days2 * train) + train);
        Assert.InRange(secondHalfWith, (4 * days2 * train) - train, (4 * days2 * train) + train);
    }

    /// <summary>A saturated ferry A → B: one 50-wagon vessel, constant 20 h sailing and 10 h handling (60 h round trip).</summary>
    private static CorridorBuilder SaturatedFerry() =>
        new CorridorBuilder("ferry")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddPort("port:a", berths: 4, Distribution.Constant(10))
            .AddPort("port:b", berths: 4, Distribution.Constant(10))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:a-b", PortA = "port:a", PortB = "port:b", Unit = "wagon",
                Vessels = [new VesselDefinition { Name = "v1", CapacityUnits = 50 }],
                SailingHours = Distribution.Triangular(18, 20, 24),
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = 60, AnnualTons = 1_000_000, BaseYear = 2024,
                Origin = "port:a", Destination = "port:b", Routes = [new RouteDefinition { Legs = ["ferry:a-b"] }],
            });

    [Fact]
    public void RunYear_VesselsAddedOnFirstJuly_IdenticalBeforeAndMoreDeliveredAfter()
    {
        CorridorRun without = SaturatedFerry().BuildModel().CreateRun(3, 0, 2024, warmupDays: 30);
        CorridorRun with = SaturatedFerry()
            .AddInvestment(new InvestmentDefinition
            {
                Name = "two more ferries", Date = July1, Component = "ferry:a-b", Kind = InvestmentKind.AddVessels,
                Vessels = [new VesselDefinition { Name = "v2", CapacityUnits = 50 }, new VesselDefinition { Name = "v3", CapacityUnits = 50 }],
            })
            .BuildModel().CreateRun(3, 0, 2024, warmupDays: 30);

        without.RunUntil(July1);
        with.RunUntil(July1);
        Assert.Equal(without.TotalDeliveredTons, with.TotalDeliveredTons);
        Assert.Equal(without.Component("ferry:a-b").TonsThrough, with.Component("ferry:a-b").TonsThrough);
        double before = with.TotalDeliveredTons;

        without.RunYear();
        with.RunYear();
        double afterWithout = without.TotalDeliveredTons - before;
        double afterWith = with.TotalDeliveredTons - before;
        output.WriteLine($"delivered 1 Jul–31 Dec: without {afterWithout:F0} t, with {afterWith:F0} t");

        // One vessel: about 184 d × 24 / 61.3 h ≈ 72 voyages of 3,000 t; three vessels about three times that.
        Assert.True(afterWith > 2.5 * afterWithout, $"with {afterWith:F0} t should be about three times without {afterWithout:F0} t");
    }

    // ---- 5. route choice --------------------------------------------------------------------------------

    /// <summary>
    /// Two parallel lines o → d: <c>rail:short</c> (10 h, 1 train/day of 10 wagons, congested by a local flow at
    /// 1.2 × its capacity) and <c>rail:long</c> (40 h, 20 trains/day). The flow <c>main</c> may take either.
    /// </summary>
    private static CorridorModel TwoRoutes(RouteChoice choice) =>
        new CorridorBuilder("two-routes")
            .AddUnit("wagon", unitsPerTrain: 10)
            .AddRail("rail:short", "o", "d", trainsPerDay: 1, Distribution.Constant(10))
            .AddRail("rail:long", "o", "d", trainsPerDay: 20, Distribution.Constant(40))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "local", Commodity = "grain", Unit = "wagon", TonsPerUnit = 50, AnnualTons = 1.2 * 10 * 365 * 50, BaseYear = 2024,
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = ["rail:short"] }],
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "main", Commodity = "containers", Unit = "wagon", TonsPerUnit = 50, AnnualTons = 30 * 365 * 50, BaseYear = 2024,
                Origin = "o", Destination = "d", RouteChoice = choice,
                Routes = [new RouteDefinition { Legs = ["rail:short"], Share = 1 }, new RouteDefinition { Legs = ["rail:long"], Share = 1 }],
            })
            .BuildModel();

    [Fact]
    public void RunYear_ShortestExpectedTimeWithOneCongestedRoute_SendsMostUnitsTheOtherWay()
    {
        YearResult shortest = TwoRoutes(RouteChoice.ShortestExpectedTime).CreateRun(11, 0, 2024).RunYear();
        YearResult fixedShares = TwoRoutes(RouteChoice.FixedShares).CreateRun(11, 0, 2024).RunYear();

        // Only `main` uses rail:long, so its tons there over main's generated tons is main's share on the long route.
        static double LongShare(YearResult y) =>
            y.Components.Single(c => c.Id == "rail:long").TonsThrough / y.Flows.Single(f => f.Id == "main").GeneratedTons;

        double shortestShare = LongShare(shortest), fixedShare = LongShare(fixedShares);
        FlowKpi mainShortest = shortest.Flows.Single(f => f.Id == "main");
        FlowKpi mainFixed = fixedShares.Flows.Single(f => f.Id == "main");
        output.WriteLine($"share on the uncongested route: shortest-expected-time {shortestShare:P1}, fixed shares {fixedShare:P1}");
        output.WriteLine($"main transit: shortest {mainShortest.MeanTransitDays:F2} d, fixed {mainFixed.MeanTransitDays:F2} d");

        Assert.True(shortestShare > 0.9, $"shortest-expected-time sent only {shortestShare:P1} the uncongested way");
        Assert.InRange(fixedShare, 0.45, 0.55);
        Assert.True(mainShortest.MeanTransitDays < mainFixed.MeanTransitDays);
    }

    // ---- 7. yearly KPIs ---------------------------------------------------------------------------------

    private static void AssertKpisSane(CorridorDefinition definition, YearResult y)
    {
        foreach (ComponentKpi c in y.Components)
        {
            Assert.InRange(c.Utilization, 0, 1);
            Assert.True(c.MeanWaitHours >= 0 && c.P95WaitHours >= 0 && c.MeanQueue >= 0, $"{c.Id}: negative wait or queue");
        }

        double top = y.Components.Max(c => c.Utilization);
        ComponentKpi bottleneck = y.Components.Single(c => c.Id == y.Bottleneck);
        Assert.Equal(top, bottleneck.Utilization);

        foreach (PortDefinition port in definition.Ports)
        {
            ComponentKpi c = y.Components.Single(k => k.Id == port.Id);
            double minHandling = MinimumOf(port.HandlingHours);
            if (c.UnitsThrough > 0)
            {
                Assert.True(c.MeanPortTimeHours >= minHandling - 1e-9,
                    $"{c.Id}: mean port time {c.MeanPortTimeHours:F2} h is below the shortest handling {minHandling:F2} h");
                Assert.InRange(c.ShareWithinPortTimeTarget!.Value, 0, 1);
                Assert.InRange(c.ClosedHours!.Value, 0, 8784);
            }
        }

        foreach (FlowKpi f in y.Flows.Where(f => f.DeliveredUnits > 0))
        {
            Assert.True(f.P50TransitDays <= f.P95TransitDays, $"{f.Id}: p50 {f.P50TransitDays} > p95 {f.P95TransitDays}");
            Assert.True(f.P50TransitDays > 0);
        }

        if (!double.IsNaN(y.P50TransitDays))
        {
            Assert.True(y.P50TransitDays <= y.P95TransitDays);
        }
    }

    private static double MinimumOf(Distribution d)
    {
        // The distributions used here are bounded below; the CDF finds the lower end.
        double lo = 0, hi = Math.Max(1, d.Mean);
        if (d.CumulativeDistribution(0) > 0)
        {
            return 0;
        }

        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2;
            if (d.CumulativeDistribution(mid) > 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return lo;
    }

    [Fact]
    public void RunYear_SmallCorridor_KpisAreWithinTheirRanges()
    {
        CorridorDefinition definition = TestCorridors.Small().Build();
        YearResult y = new CorridorModel(definition).CreateRun(5, 0, 2024).RunYear();
        AssertKpisSane(definition, y);
    }

    [Property(MaxTest = 12)]
    public Property RunYear_RandomSmallCorridor_KpisAreWithinTheirRanges() =>
        Prop.ForAll(RandomCorridor.Generator().ToArbitrary(), (RandomCorridor corridor) =>
        {
            CorridorDefinition definition = corridor.Build();
            YearResult y = new CorridorModel(definition).CreateRun(corridor.Seed, 0, RandomCorridor.Year, corridor.WarmupDays).RunYear();
            AssertKpisSane(definition, y);
        });
}
