using System.Globalization;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// Multi-year projections: runs a scenario's replications in parallel, each over consecutive years, and summarises
/// them across replications. A design of one variant (<see cref="ScenarioDesign"/>) run by the <see cref="Runner"/>
/// and summarised by <see cref="ProjectionAnalysis"/>.
/// </summary>
public static class Projection
{
    /// <summary>
    /// Runs <paramref name="scenario"/>: replication i (0-based) is <see cref="CorridorModel.CreateRun"/> with the seed
    /// and index i, run for <see cref="SimulationSettings.Years"/> years from <see cref="SimulationSettings.StartYear"/>.
    /// Replications run in parallel on up to <see cref="ProjectionOptions.MaxThreads"/> threads; results are kept by
    /// index and aggregated sequentially in index order, so the result is bit-identical at any thread count.
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Overrides of the replication count and seed, and the thread count; null for the scenario's settings.</param>
    /// <param name="progress">
    /// Told 1, 2, … <see cref="Steps"/> once each, in increasing order: k ≤ R when replications 0..k − 1 have all
    /// finished, then one step per finished capacity search (may be called from worker threads).
    /// </param>
    /// <param name="ct">Cancels the projection between simulated years.</param>
    /// <returns>The summary across replications.</returns>
    /// <exception cref="ArgumentException">The settings or options are out of range; every problem is listed.</exception>
    /// <exception cref="ScenarioException">The corridor definition is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <exception cref="BacklogLimitException">A replication's backlog passed <see cref="SimulationSettings.MaxTonsInSystem"/> before its first year ended. (Past it later, the result covers the years every replication completed and says why in <see cref="ProjectionResult.PartialReason"/>.)</exception>
    public static ProjectionResult Run(Scenario scenario, ProjectionOptions? options = null, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new ProjectionOptions();
        ScenarioDesign design = Design(scenario, options);
        RowRecord[] records = Runner.Run(design, options.MaxThreads, progress, ct, keepStopped: true);
        return Analyse(scenario, options, records, progress, ct);
    }

    /// <summary>The design of the projection (one variant), after checking the settings and options.</summary>
    /// <exception cref="ArgumentException">The settings or options are out of range.</exception>
    internal static ScenarioDesign Design(Scenario scenario, ProjectionOptions options)
    {
        Validate(scenario, options);
        return new ScenarioDesign([scenario], options.Replications ?? scenario.Simulation.Replications, options.Seed ?? scenario.Simulation.Seed)
        {
            EventSink = options.EventSink,
            EventReplication = options.EventReplication,
        };
    }

    /// <summary>
    /// Summarises every row's records (in row order, from one run or merged from shards) and, with
    /// <see cref="ProjectionOptions.Capacity"/>, runs the capacity searches, or summarises <paramref name="capacity"/>'s
    /// (every year's, merged from shards); rows that stopped early give a partial result, without capacity.
    /// </summary>
    internal static ProjectionResult Analyse(Scenario scenario, ProjectionOptions options, RowRecord[] records, IProgress<int>? progress, CancellationToken ct,
        IReadOnlyList<YearSearches>? capacity = null)
    {
        ulong seed = options.Seed ?? scenario.Simulation.Seed;
        if (records.FirstOrDefault(r => r.Stopped is not null) is not { Stopped: { } stopped } first)
        {
            ProjectionResult result = ProjectionAnalysis.Summarise(scenario, seed, records);
            if (options.Capacity is not { } search)
            {
                return result;
            }

            if (capacity is not null)
            {
                return result with { Capacity = CapacityStudy.Summarise(scenario, search, capacity) };
            }

            IProgress<int>? after = progress is null ? null : new OffsetProgress(progress, records.Length);
            return result with { Capacity = CapacityStudy.Run(scenario, seed, search, options.MaxThreads, after, ct) };
        }

        // Summarised over the years every replication completed: a year some replications never finished has no estimate.
        int completed = records.Min(r => r.Years.Count);
        if (completed == 0)
        {
            throw stopped;
        }

        RowRecord[] common = [.. records.Select(r => r with { Years = r.Years.Take(completed).ToArray().AsReadOnly() })];
        int last = scenario.Simulation.StartYear + completed - 1;
        return ProjectionAnalysis.Summarise(scenario, seed, common) with
        {
            PartialReason = string.Create(CultureInfo.InvariantCulture,
                $"replication {first.Row.Replication}: {stopped.Message} Only {scenario.Simulation.StartYear}–{last}, the years every replication completed, are summarised."),
        };
    }

    /// <summary>The number of progress steps <see cref="Run"/> reports for these options: the replications, plus the capacity searches.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">The options; null for the scenario's settings.</param>
    public static int Steps(Scenario scenario, ProjectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new ProjectionOptions();
        int replications = options.Replications ?? scenario.Simulation.Replications;
        return replications + (options.Capacity is { } c ? CapacityStudy.Steps(scenario, c) : 0);
    }

    /// <summary>
    /// Checks the settings a projection uses and the options, listing every problem in one exception (also each
    /// sweep point's, before anything runs).
    /// </summary>
    internal static void Validate(Scenario scenario, ProjectionOptions options)
    {
        var errors = new List<string>();
        static string F(double v) => v.ToString("G", CultureInfo.InvariantCulture);
        SimulationSettings? s = scenario.Simulation;
        if (s is null)
        {
            errors.Add("simulation: the scenario has no simulation settings.");
        }
        else
        {
            // The ranges a scenario file is read with (ScenarioFields), so a scenario built in code meets the same rules.
            var context = new ValidationContext(scenario.Corridor ?? new CorridorDefinition());
            context.CheckRanges("simulation", "simulation", options.Replications is null ? s : s with { Replications = 1 });
            errors.AddRange(context.Errors.Select(e => e.ToString()));
        }

        if (scenario.Corridor is null)
        {
            errors.Add("corridor: the scenario has no corridor.");
        }

        if (scenario.Calibration is { } c)
        {
            if (!(c.ReportedTons > 0 && double.IsFinite(c.ReportedTons)))
            {
                errors.Add($"calibration.reportedTons must be positive, found {F(c.ReportedTons)}.");
            }

            if (!(c.Tolerance >= 0))
            {
                errors.Add($"calibration.tolerance must not be negative, found {F(c.Tolerance)}.");
            }

            if (c.TransitFlow is { } flow && scenario.Corridor is { } corridor && !corridor.Flows.Any(f => f.Id == flow))
            {
                errors.Add($"calibration.transitFlow '{flow}' is not a flow of the corridor; flows are: {string.Join(", ", corridor.Flows.Select(f => f.Id))}.");
            }
        }

        if (options.Replications is { } r && (r < 1 || r > SimulationSettings.MaxReplications))
        {
            errors.Add($"options.Replications must be within 1..{SimulationSettings.MaxReplications}, found {r}.");
        }

        if (options.Capacity is { } capacity)
        {
            errors.AddRange(capacity.Problems());
        }

        int replications = options.Replications ?? s?.Replications ?? 1;
        if (options.EventSink is not null && (options.EventReplication < 0 || options.EventReplication >= replications))
        {
            errors.Add($"options.EventReplication must be within 0..{replications - 1} (the replications run), found {options.EventReplication}.");
        }

        if (options.MaxThreads < 1)
        {
            errors.Add($"options.MaxThreads must be at least 1, found {options.MaxThreads}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"The projection of scenario '{scenario.Name}' cannot run ({errors.Count} problem(s)):\n  " + string.Join("\n  ", errors),
                nameof(scenario));
        }
    }
}
