using CorridorSim.Corridor;
using CorridorSim.Engine;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor;

/// <summary>
/// Tests of the runtime components (<c>Components.cs</c>) against known answers: ferry and rail capacity
/// arithmetic, the mean wait of a deterministic batch, weather closures, and route-choice estimates.
/// </summary>
public sealed class ComponentsTests(ITestOutputHelper output)
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

    /// <summary>
    /// Little cargo and a short maximum wait, so vessels often leave Port A empty: only calls that worked cargo are
    /// port calls, so at B (unload only, berths for all) every call lasts exactly the handling time.
    /// </summary>
    [Fact]
    public void PortRecordCall_VesselsSailingEmpty_PortTimeCountsOnlyCallsThatWorkedCargo()
    {
        CorridorModel model = new CorridorBuilder("thin")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddPort("port:a", berths: 4, Distribution.Constant(6))
            .AddPort("port:b", berths: 4, Distribution.Constant(6))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:a-b", PortA = "port:a", PortB = "port:b", Unit = "wagon",
                Vessels = Enumerable.Range(0, 4).Select(i => new VesselDefinition { Name = "v" + i, CapacityUnits = 50 }).ToList(),
                SailingHours = Distribution.Constant(10),
                MaxWaitHours = 2,
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "wagon", TonsPerUnit = 60, AnnualTons = 60 * 1000, BaseYear = 2025,
                Origin = "port:a", Destination = "port:b", Routes = [new RouteDefinition { Legs = ["ferry:a-b"] }],
            })
            .BuildModel();

        YearResult y = model.CreateRun(8, 0, 2025, warmupDays: 10).RunYear();

        output.WriteLine($"port time A {Kpi(y, "port:a").MeanPortTimeHours:F2} h, B {Kpi(y, "port:b").MeanPortTimeHours:F2} h");
        Assert.Equal(6, Kpi(y, "port:b").MeanPortTimeHours!.Value, 6);
        Assert.True(Kpi(y, "port:a").MeanPortTimeHours >= 6);
    }

    // ---- 2b. rail capacity -------------------------------------------------------------------------------

    [Theory]
    [InlineData(3.0, 20, 50.0)]
    [InlineData(7.5, 55, 14.0)]
    public void Stage_FedFarAboveCapacity_SaturatesAtTrainsPerDayTimesTrainTons(double trainsPerDay, int unitsPerTrain, double tonsPerUnit)
    {
        double capacity = trainsPerDay * unitsPerTrain * tonsPerUnit * 365;
        CorridorModel model = new CorridorBuilder("line")
            .AddUnit("u", unitsPerTrain)
            .AddRail("rail:o-d", "o", "d", trainsPerDay, Distribution.Triangular(20, 30, 50))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "u", TonsPerUnit = tonsPerUnit, AnnualTons = 2.5 * capacity, BaseYear = 2025,
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = ["rail:o-d"] }],
            })
            .BuildModel();

        YearResult y = model.CreateRun(2, 0, 2025, warmupDays: 10).RunYear();

        double train = unitsPerTrain * tonsPerUnit;
        output.WriteLine($"through {Kpi(y, "rail:o-d").TonsThrough:F0} t, delivered {y.DeliveredTons:F0} t, capacity {capacity:F0} t");
        Assert.InRange(Kpi(y, "rail:o-d").TonsThrough, capacity - train, capacity + train);
        Assert.InRange(y.DeliveredTons, capacity - (2 * train), capacity + (2 * train));
        Assert.True(Kpi(y, "rail:o-d").Utilization > 0.999);
        Assert.Equal("rail:o-d", y.Bottleneck);
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

    // ---- 3. storms ---------------------------------------------------------------------------------------

    /// <summary>
    /// Four single-vessel lines Kuryk → Alat with their own cargo (so vessels never share a queue), constant 8 h
    /// handling, random sailing from each line's own stream, berths for all: a vessel's schedule depends only on
    /// its own draws and on the ports' weather.
    /// </summary>
    private static CorridorModel FourLines(IReadOnlyList<DatedClosure> kurykClosures)
    {
        var start = Utc(2023, 12, 2); // 30 warm-up days before 2024
        var b = new CorridorBuilder("four-lines")
            .AddUnit("wagon", unitsPerTrain: 50)
            .Add(new PortDefinition
            {
                Id = "port:kuryk", Berths = 4, HandlingHours = Distribution.Constant(8),
                Storms = new StormDefinition { Closures = kurykClosures },
            })
            .AddPort("port:alat", berths: 4, Distribution.Constant(8));
        for (int k = 1; k <= 4; k++)
        {
            b.Add(new VesselLegDefinition
            {
                Id = $"ferry:{k}", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = [new VesselDefinition { Name = $"v{k}", CapacityUnits = 50, InServiceFrom = start.AddHours(35 * (k - 1)) }],
                SailingHours = Distribution.Triangular(55, 60, 70),
            });
            b.AddFlow(new CargoFlowDefinition
            {
                Id = $"f{k}", Unit = "wagon", TonsPerUnit = 60, AnnualTons = 600_000, BaseYear = 2024,
                Origin = "port:kuryk", Destination = "port:alat", Routes = [new RouteDefinition { Legs = [$"ferry:{k}"] }],
            });
        }

        return b.BuildModel();
    }

    /// <summary>Steps the run event by event until <paramref name="until"/> and logs, per leg, when its vessel left Port A.</summary>
    private static Dictionary<string, List<SimTime>> DeparturesFromPortA(CorridorRun run, IReadOnlyList<string> legIds, DateTime until)
    {
        VesselLegRuntime[] legs = legIds.Select(id => (VesselLegRuntime)run.Component(id)).ToArray();
        int[] voyages = legs.Select(l => l.Voyages).ToArray();
        var log = legIds.ToDictionary(id => id, _ => new List<SimTime>());
        SimTime end = run.Simulation.TimeOf(until);
        while (run.Simulation.Now < end && run.Simulation.Run(1) == 1)
        {
            for (int i = 0; i < legs.Length; i++)
            {
                if (legs[i].Voyages != voyages[i])
                {
                    // A single vessel starts at Port A, so its even-numbered voyages leave A.
                    if (voyages[i] % 2 == 0)
                    {
                        log[legIds[i]].Add(run.Simulation.Now);
                    }

                    voyages[i] = legs[i].Voyages;
                }
            }
        }

        return log;
    }

    [Fact]
    public void PortClosure_TwoDayStorm_DelaysTheVesselsDueInTheWindowAndNoOther()
    {
        DateTime stormStart = Utc(2024, 3, 10, 6);
        string[] legs = ["ferry:1", "ferry:2", "ferry:3", "ferry:4"];
        CorridorRun calm = FourLines([]).CreateRun(17, 0, 2024, warmupDays: 30);
        CorridorRun stormy = FourLines([new DatedClosure(stormStart, 48)]).CreateRun(17, 0, 2024, warmupDays: 30);
        Dictionary<string, List<SimTime>> calmLog = DeparturesFromPortA(calm, legs, Utc(2024, 6, 1));
        Dictionary<string, List<SimTime>> stormLog = DeparturesFromPortA(stormy, legs, Utc(2024, 6, 1));

        SimTime s = stormy.Simulation.TimeOf(stormStart);
        SimTime e = s + SimDuration.FromHours(48);
        SimDuration handling = SimDuration.FromHours(8);
        int affected = 0, unaffected = 0;
        foreach (string leg in legs)
        {
            List<SimTime> before = calmLog[leg], after = stormLog[leg];
            Assert.DoesNotContain(after, t => t >= s && t < e);

            // The vessel is at Kuryk during [departure − 8 h, departure] (it arrives empty and loads at once).
            int due = before.FindIndex(d => d > s && d - handling < e);
            if (due < 0)
            {
                unaffected++;
                Assert.Equal(before.Take(after.Count), after.Take(before.Count)); // untouched by the storm
                continue;
            }

            affected++;
            Assert.Equal(before.Take(due), after.Take(due)); // identical up to the storm

            // Loading stops at the closure and resumes at reopening; a vessel arriving in the window starts at reopening.
            SimDuration loadedBeforeStorm = before[due] - s < handling ? before[due] - s : handling;
            SimTime expected = e + loadedBeforeStorm;
            output.WriteLine($"{leg}: due {calm.Simulation.StartDate + before[due].SinceStart.ToTimeSpan():MM-dd HH:mm}, left {stormy.Simulation.StartDate + after[due].SinceStart.ToTimeSpan():MM-dd HH:mm}");
            Assert.Equal(expected, after[due]);

            // Common random numbers: afterwards the vessel keeps its own schedule, shifted by the delay.
            SimDuration delay = after[due] - before[due];
            for (int k = due; k < Math.Min(before.Count, after.Count); k++)
            {
                Assert.Equal(before[k] + delay, after[k]);
            }
        }

        output.WriteLine($"affected {affected}, unaffected {unaffected}");
        Assert.True(affected > 0 && unaffected > 0, $"the case should have both affected ({affected}) and unaffected ({unaffected}) vessels");
    }

    /// <summary>A quiet port with one ferry and no cargo, to read its weather log.</summary>
    private static CorridorRun QuietPort(IReadOnlyList<DatedClosure> closures, double warmupDays = 0) =>
        new CorridorBuilder("quiet")
            .AddUnit("wagon", unitsPerTrain: 50)
            .Add(new PortDefinition
            {
                Id = "port:kuryk", Berths = 1, HandlingHours = Distribution.Constant(8),
                Storms = new StormDefinition { Closures = closures },
            })
            .AddPort("port:alat", berths: 1, Distribution.Constant(8))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = [new VesselDefinition { Name = "v", CapacityUnits = 50 }], SailingHours = Distribution.Constant(20),
            })
            .BuildModel().CreateRun(1, 0, 2024, warmupDays);

    [Fact]
    public void PortClose_OverlappingClosures_StaysClosedUntilTheLastEnds()
    {
        DateTime s = Utc(2024, 2, 1);
        CorridorRun run = QuietPort([new DatedClosure(s, 48), new DatedClosure(s.AddHours(24), 72), new DatedClosure(s.AddHours(30), 6)]);
        YearResult y = run.RunYear();

        var port = (PortRuntime)run.Component("port:kuryk");
        (SimTime start, SimTime end) = Assert.Single(port.ClosureLog);
        Assert.Equal(run.Simulation.TimeOf(s), start);
        Assert.Equal(run.Simulation.TimeOf(s.AddHours(96)), end);
        Assert.Equal(96, Kpi(y, "port:kuryk").ClosedHours!.Value, 9);
    }

    [Fact]
    public void PortStartWeather_ClosureBegunBeforeTheSimulationStart_ClosesForItsRemainder()
    {
        CorridorRun run = QuietPort([new DatedClosure(Utc(2023, 12, 31, 12), 36)], warmupDays: 0);
        YearResult y = run.RunYear();

        var port = (PortRuntime)run.Component("port:kuryk");
        (SimTime start, SimTime end) = Assert.Single(port.ClosureLog);
        Assert.Equal(SimTime.Zero, start);
        Assert.Equal(run.Simulation.TimeOf(Utc(2024, 1, 2)), end);
        Assert.Equal(24, Kpi(y, "port:kuryk").ClosedHours!.Value, 9);
    }

    // ---- route-choice estimates --------------------------------------------------------------------------

    [Fact]
    public void StageExpectedHours_QueueOfHundredUnitTrains_IsTransitPlusTrainsQueuedTimesHeadway()
    {
        CorridorModel model = new CorridorBuilder("line")
            .AddUnit("teu", unitsPerTrain: 100)
            .AddRail("rail:o-d", "o", "d", trainsPerDay: 24, Distribution.Constant(0))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "teu", TonsPerUnit = 14, AnnualTons = 2 * 24 * 100 * 365 * 14, BaseYear = 2024,
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = ["rail:o-d"] }],
            })
            .BuildModel();
        CorridorRun run = model.CreateRun(4, 0, 2024, warmupDays: 0);
        run.RunUntil(Utc(2024, 1, 2, 7));

        ComponentRuntime stage = run.Component("rail:o-d");
        int queued = stage.UnitsHeld().Count(); // running time 0: every unit held is queued
        double trainsQueued = queued / 100.0;
        double hours = stage.ExpectedHours(forward: true);
        output.WriteLine($"queued {queued} TEU, expected {hours:F2} h");
        Assert.True(queued > 1000);
        Assert.InRange(hours, trainsQueued - 1, trainsQueued + 1); // one train an hour
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
