using CorridorSim.Corridor;
using CorridorSim.Tests.Cli;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.Running;

/// <summary>Memory of a <see cref="CorridorRun"/>: its heap in simulated time (measured alone: other tests' allocations would blur it) and its backlog limit.</summary>
[Collection(Name)]
public sealed class CorridorRunMemoryTests(ITestOutputHelper output)
{
    private const string Name = "managed heap, not in parallel";

    [Fact]
    public void RunYear_EightyYearsAtConstantDemand_ManagedHeapStopsGrowing()
    {
        // The baseline sample at its 2024 demand for 80 years: what a run keeps must not grow with simulated time.
        Scenario sample = ScenarioLoader.Load(Path.Combine(CliHarness.SamplesDirectory, "titr-baseline-2024.json"));
        CorridorDefinition constant = sample.Corridor with
        {
            Flows = [.. sample.Corridor.Flows.Select(f => f with { AnnualTons = f.TonsInYear(2024), BaseYear = 2024, GrowthPerYear = 0, AnnualTonsByYear = new Dictionary<int, double>() })],
        };
        CorridorRun run = new CorridorModel(constant).CreateRun(seed: 42, replication: 0, firstYear: 2024);
        var heap = new List<long>();
        for (int year = 0; year < 80; year++)
        {
            run.RunYear();
            heap.Add(GC.GetTotalMemory(forceFullCollection: true));
        }

        // Means of ten years each side smooth the units in the system, which rise and fall with the queues; the first
        // thirty years are left out because a collection may grow once to a peak it then keeps, which is not growth.
        output.WriteLine(string.Join(", ", heap.Select((b, i) => $"{2024 + i}: {b / 1024} KiB")));
        double early = heap.Skip(30).Take(10).Average(), late = heap.TakeLast(10).Average();
        Assert.True(late - early < 32 * 1024, $"the heap grew {(late - early) / 1024:F0} KiB from years 2054–63 to 2094–2103 ({early / 1024:F0} → {late / 1024:F0} KiB)");
    }

    [Fact]
    public void RunYear_BacklogPastTheLimit_ThrowsNamingTheComponentHoldingTheMostAndTheYear()
    {
        // Diversion off: with it the queue would shed its oldest units after 42 days and stay bounded.
        CorridorDefinition slow = TestCorridors.Small(trainsPerDay: 0.05).Build();
        slow = slow with { Flows = [.. slow.Flows.Select(f => f with { Diversion = new DiversionRule { Mode = DiversionMode.Off } })] };
        CorridorRun run = new CorridorModel(slow).CreateRun(seed: 1, replication: 0, firstYear: 2024, warmupDays: 0, maxTonsInSystem: 200_000);

        var ex = Assert.Throws<BacklogLimitException>(() => run.RunYear());

        Assert.Equal(("rail:kz", 2024, 200_000.0), (ex.Component, ex.Year, ex.LimitTons));
        Assert.True(ex.TonsInSystem > 200_000, ex.Message);
        Assert.Contains("'rail:kz' holds the most", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CliHarness.Samples), MemberType = typeof(CliHarness))]
    public void RunYear_Samples_HoldFarLessThanTheDefaultBacklogLimit(string sample)
    {
        // The default limit must never stop a sample: each year-end backlog of replication 0, against 1e8 t.
        Scenario s = ScenarioLoader.Load(Path.Combine(CliHarness.SamplesDirectory, sample + ".json"));
        CorridorRun run = new CorridorModel(s.Corridor).CreateRun(s.Simulation.Seed, 0, s.Simulation.StartYear, s.Simulation.WarmupDays, s.Simulation.MaxTonsInSystem);
        double most = Enumerable.Range(0, s.Simulation.Years).Max(_ => run.RunYear().TonsInSystemAtYearEnd);

        output.WriteLine($"{sample}: at most {most:0} t in the system at a year end");
        Assert.True(most < s.Simulation.MaxTonsInSystem / 4, $"{sample}: {most:0} t");
    }
}

/// <summary>Runs <see cref="CorridorRunMemoryTests"/> after the parallel tests, on its own.</summary>
[CollectionDefinition("managed heap, not in parallel", DisableParallelization = true)]
public sealed class ManagedHeapCollection
{
}
