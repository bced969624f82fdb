using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Experiments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Corridor.Running;

/// <summary>The event log hooks (<see cref="ICorridorEventSink"/>): complete, consistent with the run, and without effect on it.</summary>
public sealed class CorridorEventLogTests
{
    /// <summary>Keeps every record, as given.</summary>
    private sealed class ListSink : ICorridorEventSink
    {
        public List<CorridorEventRecord> Records { get; } = [];

        public DateTime? StartDate { get; private set; }

        public void Record(in CorridorEventRecord record) => Records.Add(record);

        public void Started(DateTime startDate) => StartDate = startDate;
    }

    private static CorridorRun Logged(RandomCorridor c, ICorridorEventSink sink) =>
        new CorridorModel(c.Build()).CreateLoggedRun(c.Seed, 0, RandomCorridor.Year, c.WarmupDays, 100_000_000, sink);

    [Property(MaxTest = 30)]
    public Property CreateLoggedRun_RandomCorridor_LogAccountsForEveryTonAndVoyageAndChangesNothing() =>
        Prop.ForAll(RandomCorridor.Generator(maxStopDays: 120).ToArbitrary(), (RandomCorridor corridor) =>
        {
            var sink = new ListSink();
            CorridorRun logged = Logged(corridor, sink);
            CorridorRun plain = corridor.CreateRun();
            logged.RunUntil(corridor.StopDate);
            plain.RunUntil(corridor.StopDate);

            // The log changes nothing: the same events ran, the same tons moved.
            Assert.Equal(plain.Simulation.EventsProcessed, logged.Simulation.EventsProcessed);
            Assert.Equal(plain.TotalDeliveredTons, logged.TotalDeliveredTons);
            Assert.Equal(plain.TotalDivertedTons, logged.TotalDivertedTons);
            Assert.Equal(logged.Simulation.StartDate, sink.StartDate);

            List<CorridorEventRecord> units = [.. sink.Records.Where(r => r.Entity == CorridorEntityKind.Unit)];
            double Tons(CorridorEventKind kind) => units.Where(r => r.Kind == kind).Sum(r => r.Tons);
            Assert.Equal(logged.TotalGeneratedTons, Tons(CorridorEventKind.Arrive), 6);
            Assert.Equal(logged.TotalDeliveredTons, Tons(CorridorEventKind.Depart), 6);
            Assert.Equal(logged.TotalDivertedTons, Tons(CorridorEventKind.Divert), 6);

            foreach (VesselLegDefinition leg in corridor.Build().VesselLegs)
            {
                var runtime = (VesselLegRuntime)logged.Component(leg.Id);
                int departures = sink.Records.Count(r => r.Entity == CorridorEntityKind.VesselVoyage && r.Kind == CorridorEventKind.Depart && r.ComponentId == leg.Id);
                Assert.Equal(runtime.Voyages, departures);
            }

            // Simulated-time order, and per port closures alternate with reopenings.
            Assert.All(sink.Records.Zip(sink.Records.Skip(1)), p => Assert.True(p.First.Time <= p.Second.Time));
            foreach (IGrouping<string, CorridorEventRecord> port in sink.Records.Where(r => r.Entity == CorridorEntityKind.Port).GroupBy(r => r.EntityId))
            {
                CorridorEventKind expected = CorridorEventKind.Closure;
                foreach (CorridorEventRecord r in port)
                {
                    Assert.Equal(expected, r.Kind);
                    expected = expected == CorridorEventKind.Closure ? CorridorEventKind.Reopen : CorridorEventKind.Closure;
                }
            }
        });

    [Fact]
    public void ProjectionRun_EventSinkOnReplicationOne_LogsThatReplicationOnlyAndKeepsTheResult()
    {
        Scenario scenario = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "Corridor", "Scenarios", "events.json"));
        var sink = new ListSink();
        var options = new ProjectionOptions { Replications = 2, MaxThreads = 2 };
        ProjectionResult plain = Projection.Run(scenario, options);
        ProjectionResult logged = Projection.Run(scenario, options with { EventSink = sink, EventReplication = 1 });
        Assert.Equal(SummaryWriter.ToJson(plain), SummaryWriter.ToJson(logged));

        // Replication 1's own run, logged directly, gives the same records: the sink saw that replication and no other.
        var direct = new ListSink();
        SimulationSettings s = scenario.Simulation;
        CorridorRun run = new CorridorModel(scenario.Corridor).CreateLoggedRun(s.Seed, 1, s.StartYear, s.WarmupDays, s.MaxTonsInSystem, direct);
        for (int y = 0; y < s.Years; y++)
        {
            run.RunYear();
        }

        Assert.Equal(direct.Records.Count, sink.Records.Count);
        Assert.True(direct.Records.SequenceEqual(sink.Records), "the projection's log is replication 1's");
    }

    [Fact]
    public void ProjectionRun_EventReplicationOutOfRange_ThrowsNamingIt()
    {
        Scenario scenario = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "Corridor", "Scenarios", "events.json"));
        var options = new ProjectionOptions { Replications = 2, EventSink = new ListSink(), EventReplication = 2 };
        ArgumentException e = Assert.Throws<ArgumentException>(() => Projection.Run(scenario, options));
        Assert.Contains("options.EventReplication must be within 0..1", e.Message, StringComparison.Ordinal);
    }
}
