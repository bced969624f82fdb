using CorridorSim.Corridor;
using CorridorSim.Engine;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.Ports;

/// <summary>Tests of the port runtime against known answers: port time per call, weather closures and their overlaps.</summary>
public sealed class PortRuntimeTests(ITestOutputHelper output)
{
    private static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    private static ComponentKpi Kpi(YearResult y, string id) => y.Components.Single(c => c.Id == id);

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
}
