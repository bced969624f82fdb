using System.Text.Json;
using System.Text.Json.Serialization;
using CorridorSim.Corridor;
using CorridorSim.Tests.Cli;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Corridor.Flows;

/// <summary>
/// <see cref="CargoUnit.AdvanceAll"/> hands a train's or a vessel's units to their next queues in blocks; with an event
/// log attached it hands them over one by one (to log each between the puts). Both must leave the same run.
/// </summary>
public sealed class BlockHandoverTests
{
    private sealed class NullSink : ICorridorEventSink
    {
        public void Record(in CorridorEventRecord record)
        {
        }

        public void Started(DateTime startDate)
        {
        }
    }

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [Property(MaxTest = 40)]
    public Property AdvanceAll_BlocksAndOneByOne_SameIndicatorsToTheLastBit() =>
        Prop.ForAll(RandomCorridor.Generator(maxStopDays: 120).ToArbitrary(), (RandomCorridor c) =>
        {
            CorridorDefinition definition = c.Build();
            CorridorRun blocks = c.CreateRun();
            CorridorRun oneByOne = new CorridorModel(definition).CreateLoggedRun(c.Seed, 0, RandomCorridor.Year, c.WarmupDays, 100_000_000, new NullSink());
            blocks.RunUntil(c.StopDate);
            oneByOne.RunUntil(c.StopDate);

            Assert.Equal(oneByOne.Simulation.EventsProcessed, blocks.Simulation.EventsProcessed);
            Assert.Equal(Indicators(oneByOne, definition), Indicators(blocks, definition));
        });

    [Fact]
    public void AdvanceAll_TenMtSample_SameYearAsOneByOne()
    {
        // Trains of two flows of TEU, wagons beside them on shared rail, feeders, ferries and tankers: every hand-over kind.
        Scenario s = ScenarioLoader.Load(CliHarness.SamplePath("titr-10mt-2030"));
        var model = new CorridorModel(s.Corridor);
        CorridorRun blocks = model.CreateRun(s.Simulation.Seed, 0, s.Simulation.StartYear, s.Simulation.WarmupDays);
        CorridorRun oneByOne = model.CreateLoggedRun(s.Simulation.Seed, 0, s.Simulation.StartYear, s.Simulation.WarmupDays, 100_000_000, new NullSink());
        YearResult year = blocks.RunYear();
        Assert.True(year.DeliveredTons > 0);
        Assert.Equal(JsonSerializer.Serialize(oneByOne.RunYear(), Json), JsonSerializer.Serialize(year, Json));
    }

    /// <summary>Every component's indicators and the run's totals, doubles in round-trip form.</summary>
    private static string Indicators(CorridorRun run, CorridorDefinition definition) =>
        JsonSerializer.Serialize(new
        {
            Components = definition.Components.Select(d => run.Component(d.Id).Collect()).ToList(),
            run.TotalGeneratedTons,
            run.TotalDeliveredTons,
            run.TotalDivertedTons,
            InSystem = run.TonsInSystemByCommodity(),
        });
}
