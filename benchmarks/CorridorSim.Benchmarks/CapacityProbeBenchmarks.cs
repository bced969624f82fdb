using System.Globalization;
using BenchmarkDotNet.Attributes;
using CorridorSim.Corridor;

namespace CorridorSim.Benchmarks;

/// <summary>
/// One capacity probe of the 10 Mt sample scenario (<c>samples/scenarios/titr-10mt-2030.json</c>): its 2030 at a demand
/// factor, started empty 60 days before the year (the probe a capacity search runs). At factor 1 the corridor carries
/// its demand; at factor 2 it is saturated, as the first probe of every search is, and queues grow all year. The
/// saturated probe was the costliest step of a study: work per unit must not grow with the queue.
/// </summary>
[MemoryDiagnoser]
public class CapacityProbeBenchmarks
{
    private const int Year = 2030;
    private CorridorDefinition _corridor = null!;
    private Scenario _scenario = null!;

    /// <summary>The demand factor: 1 (carried) or 2 (saturated).</summary>
    [Params(1.0, 2.0)]
    public double Factor { get; set; }

    /// <summary>Loads the sample scenario and prints one probe's tons and events.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Load(SamplePath());
        _corridor = _scenario.Corridor.AtDemand(Year, Factor);
        CorridorRun run = Create();
        YearResult y = run.RunYear();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// CapacityProbe x{Factor}: {run.Simulation.EventsProcessed:N0} events, generated {y.GeneratedTons / 1e6:F2} Mt, delivered {y.DeliveredTons / 1e6:F2} Mt, in system {y.TonsInSystemAtYearStart / 1e6:F2} → {y.TonsInSystemAtYearEnd / 1e6:F2} Mt, diverted {y.DivertedTons / 1e6:F2} Mt"));
    }

    /// <summary>Builds the probe's run (its warm-up included) and simulates the year; returns the events run.</summary>
    [Benchmark]
    public long ProbeYear()
    {
        CorridorRun run = Create();
        run.RunYear();
        return run.Simulation.EventsProcessed;
    }

    private CorridorRun Create() =>
        new CorridorModel(_corridor).CreateRun(_scenario.Simulation.Seed, replication: 0, Year, _scenario.Simulation.WarmupDays, _scenario.Simulation.MaxTonsInSystem);

    // BenchmarkDotNet runs each case from a folder below the build output: look upwards for the repository's samples.
    private static string SamplePath()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string path = Path.Combine(d.FullName, "samples", "scenarios", "titr-10mt-2030.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("samples/scenarios/titr-10mt-2030.json not found above " + AppContext.BaseDirectory);
    }
}
