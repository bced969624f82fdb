using System.Globalization;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// Parameter sweeps: a full projection at each point of a grid of one or two parameters. A design with one variant
/// per grid point (<see cref="ScenarioDesign"/>), run by the <see cref="Runner"/> and tabulated by <see cref="SweepAnalysis"/>.
/// </summary>
public static class Sweep
{
    /// <summary>
    /// Runs a projection at every point of the grid spanned by <paramref name="parameters"/> (the first varies slowest),
    /// each with the SAME seed and replication indices (common random numbers), so the differences between points
    /// carry far less noise than independent runs would; each point's result is exactly <see cref="Projection.Run"/>
    /// of its scenario. Every point's scenario is built and validated before anything runs.
    /// </summary>
    /// <param name="scenario">The base scenario (not changed).</param>
    /// <param name="parameters">One or two parameters with distinct paths.</param>
    /// <param name="options">As for <see cref="Projection.Run"/>, applied at every point; the threads are shared by all points' replications.</param>
    /// <param name="progress">
    /// Told the number of replications finished across all points, counted in grid order: 1, 2, … once each, k when
    /// the first k (point by point, replication by replication) have all finished, so a multiple of the replications
    /// means that many points are done.
    /// </param>
    /// <param name="ct">Cancels the sweep.</param>
    /// <exception cref="ArgumentException">Not one or two parameters, a duplicated path, an unknown id, a point whose corridor is invalid (every such point listed), or settings out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static SweepResult Run(Scenario scenario, IReadOnlyList<SweepParameter> parameters, ProjectionOptions? options = null,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new ProjectionOptions();
        (List<double[]> grid, ScenarioDesign design) = Design(scenario, parameters, options);
        RowRecord[] records = Runner.Run(design, options.MaxThreads, progress, ct);
        return SweepAnalysis.Tabulate(scenario, parameters, grid, design, records);
    }

    /// <summary>The grid points and the design (one variant per point), after checking every point's scenario.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Run"/>.</exception>
    internal static (List<double[]> Grid, ScenarioDesign Design) Design(Scenario scenario, IReadOnlyList<SweepParameter> parameters, ProjectionOptions options)
    {
        if (parameters.Count is < 1 or > 2)
        {
            throw new ArgumentException($"A sweep varies one or two parameters, found {parameters.Count}.", nameof(parameters));
        }

        if (parameters.Count == 2 && parameters[0].Path == parameters[1].Path)
        {
            throw new ArgumentException($"The two sweep parameters have the same path '{parameters[0].Path}'.", nameof(parameters));
        }

        List<double[]> grid = parameters.Count == 1
            ? parameters[0].Values.Select(v => new[] { v }).ToList()
            : parameters[0].Values.SelectMany(a => parameters[1].Values.Select(b => new[] { a, b })).ToList();

        var scenarios = new List<Scenario>(grid.Count);
        var errors = new List<string>();
        foreach (double[] point in grid)
        {
            Scenario s = scenario;
            for (int p = 0; p < parameters.Count; p++)
            {
                s = parameters[p].Apply(s, point[p]);
            }

            foreach (ScenarioError e in CorridorModel.Validate(s.Corridor))
            {
                errors.Add($"{Describe(parameters, point)}: {e}");
            }

            scenarios.Add(s);
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"The sweep of scenario '{scenario.Name}' has invalid grid points:\n  " + string.Join("\n  ", errors), nameof(parameters));
        }

        foreach (Scenario s in scenarios)
        {
            Projection.Validate(s, options);
        }

        ulong seed = options.Seed ?? scenario.Simulation.Seed;
        int replications = options.Replications ?? scenario.Simulation.Replications;
        return (grid, new ScenarioDesign(scenarios, replications, seed));
    }

    private static string Describe(IReadOnlyList<SweepParameter> parameters, double[] point) =>
        string.Join(", ", parameters.Select((p, i) => p.Path + "=" + point[i].ToString(CultureInfo.InvariantCulture)));
}
