using CorridorSim.Corridor;
using CorridorSim.Engine;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.VesselLegs;

/// <summary>Tests of the vessel-leg runtime against known answers: fleet capacity arithmetic, the mean wait of a deterministic batch, route-choice estimates.</summary>
public sealed class VesselLegRuntimeTests(ITestOutputHelper output)
{
    private static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    private static ComponentKpi Kpi(YearResult y, string id) => y.Components.Single(c => c.Id == id);

    // ---- 2a. ferry capacity ------------------------------------------------------------------------------

    /// <summary>
    /// A ferry leg fed from port A far above its capacity, with constant times. Per the model's documented cycle a
    /// vessel arriving at A empty (the backhaul brings nothing; backhaulMaxWaitHours 0) loads once (handling h),
    /// sails (s), unloads at B (h), takes nothing back and sails again: a round trip of 2s + 2h.
    /// </summary>
    [Theory]
    [InlineData(3, 50, 20.0, 10.0, 1.0)]
    [InlineData(1, 56, 18.0, 8.0, 1.0)]
    [InlineData(4, 50, 22.0, 20.0, 0.8)]
    public void VesselLeg_DemandFarAboveCapacity_MovesVesselsTimesCapacityTimesVoyages(int vessels, int capacity, double sailingHours, double handlingHours, double loadFactor)
    {
        const double tonsPerUnit = 60;
        CorridorModel model = new CorridorBuilder("ferry")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddPort("port:a", berths: vessels, Distribution.Constant(handlingHours))
            .AddPort("port:b", berths: vessels, Distribution.Constant(handlingHours))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:a-b", PortA = "port:a", PortB = "port:b", Unit = "wagon",
                Vessels = Enumerable.Range(0, vessels).Select(i => new VesselDefinition { Name = "v" + i, CapacityUnits = capacity }).ToList(),
                SailingHours = Distribution.Constant(sailingHours),
                LoadFactorByYear = new Dictionary<int, double> { [2025] = loadFactor },
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = tonsPerUnit, AnnualTons = 3_000_000, BaseYear = 2025,
                Origin = "port:a", Destination = "port:b", Routes = [new RouteDefinition { Legs = ["ferry:a-b"] }],
            })
            .BuildModel();

        YearResult y = model.CreateRun(1, 0, 2025, warmupDays: 20).RunYear();

        double roundTrip = (2 * sailingHours) + (2 * handlingHours);
        double tonsPerVoyage = Math.Floor(capacity * loadFactor) * tonsPerUnit;
        double expected = vessels * (8760 / roundTrip) * tonsPerVoyage;
        double oneVoyageEach = vessels * tonsPerVoyage;
        output.WriteLine($"delivered {y.DeliveredTons:F0} t, expected {expected:F0} ± {oneVoyageEach:F0} t");

        Assert.InRange(y.DeliveredTons, expected - oneVoyageEach, expected + oneVoyageEach);
        Assert.InRange(Kpi(y, "ferry:a-b").TonsThrough, expected - oneVoyageEach, expected + oneVoyageEach);
        Assert.True(Kpi(y, "ferry:a-b").Utilization > 0.999, "a fleet that never waits for cargo is fully used");
        Assert.Equal(handlingHours, Kpi(y, "port:a").MeanPortTimeHours!.Value, 6);
        Assert.Equal(handlingHours, Kpi(y, "port:b").MeanPortTimeHours!.Value, 6);
    }

    // ---- 2c. batch service: mean wait of a deterministic batch ---------------------------------------------

    /// <summary>
    /// Units reach the quay exactly every h hours (a saturated feeder line of one-unit trains spaced h apart,
    /// constant running time); a vessel of capacity n is always waiting (many vessels, zero handling, sailing near
    /// zero); it leaves when full. The k-th unit of a batch waits (n − 1 − k)·h, so the mean wait is (n − 1)·h / 2.
    /// </summary>
    [Theory]
    [InlineData(10, 1.0)]
    [InlineData(25, 0.5)]
    [InlineData(1, 2.0)]
    public void VesselLeg_DeterministicArrivalsAndAVesselAlwaysWaiting_MeanWaitIsHalfTheBatchSpan(int n, double h)
    {
        double trainsPerDay = 24 / h;
        CorridorModel model = new CorridorBuilder("batch")
            .AddUnit("wagon", unitsPerTrain: 1)
            .AddRail("rail:feed", "o", "port:a", trainsPerDay, Distribution.Constant(5))
            .AddPort("port:a", berths: 6, Distribution.Constant(0))
            .AddPort("port:b", berths: 6, Distribution.Constant(0))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:a-b", PortA = "port:a", PortB = "port:b", Unit = "wagon",
                Vessels = Enumerable.Range(0, 6).Select(i => new VesselDefinition { Name = "v" + i, CapacityUnits = n }).ToList(),
                SailingHours = Distribution.Constant(0.01),
                MaxWaitHours = 8760,
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = 20, AnnualTons = 2 * trainsPerDay * 365 * 20, BaseYear = 2025,
                Origin = "o", Destination = "port:b", Routes = [new RouteDefinition { Legs = ["rail:feed", "ferry:a-b"] }],
            })
            .BuildModel();

        YearResult y = model.CreateRun(3, 0, 2025, warmupDays: 5).RunYear();

        ComponentKpi ferry = Kpi(y, "ferry:a-b");
        output.WriteLine($"ferry mean wait {ferry.MeanWaitHours:F6} h (expected {(n - 1) * h / 2:F6}), units {ferry.UnitsThrough}");
        Assert.True(ferry.UnitsThrough > 1000);
        Assert.Equal((n - 1) * h / 2, ferry.MeanWaitHours, 6);
    }

    /// <summary>A ferry Kuryk → Alat: loading at Kuryk 10 h, unloading at Alat 30 h, 20 h at sea.</summary>
    private static CorridorBuilder FerryForRouteChoice(IReadOnlyList<VesselDefinition> fleet, double annualTons) =>
        new CorridorBuilder("ferry")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddPort("port:kuryk", berths: 8, Distribution.Constant(10))
            .AddPort("port:alat", berths: 8, Distribution.Constant(30))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = fleet, SailingHours = Distribution.Constant(20),
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = 60, AnnualTons = annualTons, BaseYear = 2024,
                Origin = "port:kuryk", Destination = "port:alat", Routes = [new RouteDefinition { Legs = ["ferry:kuryk-alat"] }],
            });

    [Fact]
    public void VesselLegExpectedHours_NoQueue_IsLoadingSailingAndUnloadingAtTheRightPorts()
    {
        CorridorRun run = FerryForRouteChoice([new VesselDefinition { Name = "v", CapacityUnits = 50 }], annualTons: 0)
            .BuildModel().CreateRun(1, 0, 2024, warmupDays: 0);
        ComponentRuntime leg = run.Component("ferry:kuryk-alat");

        Assert.Equal(10 + 20 + 30, leg.ExpectedHours(forward: true), 9);
        Assert.Equal(30 + 20 + 10, leg.ExpectedHours(forward: false), 9);
    }

    [Fact]
    public void VesselLegExpectedHours_VesselsAddedByAnInvestment_CountLikeTheFleetDefined()
    {
        static VesselDefinition V(int i) => new() { Name = "v" + i, CapacityUnits = 50 };
        CorridorRun defined = FerryForRouteChoice([V(1), V(2), V(3), V(4)], annualTons: 3_000_000)
            .BuildModel().CreateRun(9, 0, 2024, warmupDays: 0);
        CorridorRun invested = FerryForRouteChoice([V(1)], annualTons: 3_000_000)
            .AddInvestment(new InvestmentDefinition
            {
                Name = "three more ferries", Date = Utc(2023, 6, 1), Component = "ferry:kuryk-alat",
                Kind = InvestmentKind.AddVessels, Vessels = [V(2), V(3), V(4)],
            })
            .BuildModel().CreateRun(9, 0, 2024, warmupDays: 0);
        defined.RunUntil(Utc(2024, 3, 1, 5));
        invested.RunUntil(Utc(2024, 3, 1, 5));

        Assert.Equal(defined.TotalDeliveredTons, invested.TotalDeliveredTons); // the same fleet from the start
        Assert.True(defined.Component("ferry:kuryk-alat").UnitsHeld().Count() > 200, "a queue is needed");
        Assert.Equal(defined.Component("ferry:kuryk-alat").ExpectedHours(true), invested.Component("ferry:kuryk-alat").ExpectedHours(true), 9);
    }
}

/// <summary>Tests of the vessel leg's time states and departure rule.</summary>
public sealed class VesselLegTimeStateTests(ITestOutputHelper output)
{
    private static ComponentKpi Kpi(YearResult y, string id) => y.Components.Single(c => c.Id == id);

    /// <summary>
    /// Six vessels of 20 wagons, sailing 2 h, against 1 or 6 berths at port A handling 10 h per call (port B: 6
    /// berths, 1 h), demand far above what either carries.
    /// </summary>
    private static YearResult BerthBound(int berthsAtA)
    {
        CorridorModel model = new CorridorBuilder("berths")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddPort("port:a", berths: berthsAtA, Distribution.Constant(10))
            .AddPort("port:b", berths: 6, Distribution.Constant(1))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:a-b", PortA = "port:a", PortB = "port:b", Unit = "wagon",
                Vessels = Enumerable.Range(0, 6).Select(i => new VesselDefinition { Name = "v" + i, CapacityUnits = 20 }).ToList(),
                SailingHours = Distribution.Constant(2),
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = 60, AnnualTons = 20_000_000, BaseYear = 2025,
                Origin = "port:a", Destination = "port:b", Routes = [new RouteDefinition { Legs = ["ferry:a-b"] }],
                Diversion = new DiversionRule { Mode = DiversionMode.Off },
            })
            .BuildModel();
        return model.CreateRun(1, 0, 2025, warmupDays: 10).RunYear();
    }

    [Fact]
    public void RunYear_FleetQueueingForOneBerth_TimeIsWaitingForBerthAndThePortIsTheBottleneck()
    {
        YearResult y = BerthBound(berthsAtA: 1);

        ComponentKpi fleet = Kpi(y, "ferry:a-b");
        ComponentKpi port = Kpi(y, "port:a");
        output.WriteLine($"fleet: utilisation {fleet.Utilization:F3}, {fleet.TimeStates}; port: utilisation {port.Utilization:F3}, {port.TimeStates}; bottleneck {y.Bottleneck}");

        // One berth, 10 h per call: the berth is always held; each vessel waits for it about 5 of every 6 calls.
        Assert.True(port.TimeStates.Working > 0.99, "the berth is always working");
        Assert.True(fleet.TimeStates.WaitingForBerth > 0.6, "the fleet spends most of its time waiting for the berth");
        Assert.True(fleet.Utilization < 0.4, "waiting for a berth is not use of the fleet");
        Assert.Equal("port:a", y.Bottleneck);
    }

    [Fact]
    public void RunYear_FleetWithABerthPerVessel_NeverWaitsForABerthAndTheFleetIsTheBottleneck()
    {
        YearResult y = BerthBound(berthsAtA: 6);

        ComponentKpi fleet = Kpi(y, "ferry:a-b");
        output.WriteLine($"fleet: utilisation {fleet.Utilization:F3}, {fleet.TimeStates}; bottleneck {y.Bottleneck}");
        Assert.Equal(0, fleet.TimeStates.WaitingForBerth, 9);
        Assert.True(fleet.Utilization > 0.999, "a fleet that never waits for cargo or a berth is fully used");
        Assert.Equal("ferry:a-b", y.Bottleneck);
    }

    /// <summary>
    /// One unit reaches the quay every 100 h (a saturated one-unit-per-train feeder), two vessels of 10 units that
    /// are back at port A 10 h after leaving, maxWaitHours 24: the clock starts when the unit boards, so every unit
    /// waits exactly 24 h for a load that never fills. (Were the clock started when the vessel is ready, vessels
    /// would sail empty and units would wait for whatever is left of a waiting vessel's 24 h.)
    /// </summary>
    [Fact]
    public void RunYear_RareArrivalsAndAVesselWaiting_EveryUnitWaitsMaxWaitFromBoarding()
    {
        CorridorModel model = new CorridorBuilder("clock")
            .AddUnit("wagon", unitsPerTrain: 1)
            .AddRail("rail:feed", "o", "port:a", trainsPerDay: 0.24, Distribution.Constant(5))
            .AddPort("port:a", berths: 2, Distribution.Constant(0))
            .AddPort("port:b", berths: 2, Distribution.Constant(0))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:a-b", PortA = "port:a", PortB = "port:b", Unit = "wagon",
                Vessels = [new VesselDefinition { Name = "v0", CapacityUnits = 10 }, new VesselDefinition { Name = "v1", CapacityUnits = 10 }],
                SailingHours = Distribution.Constant(5),
                MaxWaitHours = 24,
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = 1, AnnualTons = 1000, BaseYear = 2025,
                Origin = "o", Destination = "port:b", Routes = [new RouteDefinition { Legs = ["rail:feed", "ferry:a-b"] }],
                Diversion = new DiversionRule { Mode = DiversionMode.Off },
            })
            .BuildModel();

        YearResult y = model.CreateRun(2, 0, 2025, warmupDays: 20).RunYear();

        ComponentKpi ferry = Kpi(y, "ferry:a-b");
        output.WriteLine($"ferry: {ferry.UnitsThrough} units, mean wait {ferry.MeanWaitHours:F6} h, p95 {ferry.P95WaitHours:F3} h");
        Assert.True(ferry.UnitsThrough > 80);
        Assert.Equal(24, ferry.MeanWaitHours, 6);
    }
}
