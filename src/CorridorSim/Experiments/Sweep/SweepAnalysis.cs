using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>The sweep table: a pure function of the records of every grid point, in row order.</summary>
internal static class SweepAnalysis
{
    /// <summary>
    /// One <see cref="SweepPoint"/> per variant, in variant order, each the <see cref="ProjectionAnalysis.Summarise"/>
    /// of that variant's records.
    /// </summary>
    /// <param name="baseScenario">The scenario the grid was built from (its name is the sweep's).</param>
    /// <param name="parameters">The parameters varied.</param>
    /// <param name="grid">The parameter values of each variant, by variant index.</param>
    /// <param name="design">The design run: its variants' scenarios and its seed.</param>
    /// <param name="records">The records of every row of <paramref name="design"/>, in row order.</param>
    /// <exception cref="ArgumentException">The records do not cover every variant of the grid.</exception>
    public static SweepResult Tabulate(Scenario baseScenario, IReadOnlyList<SweepParameter> parameters, IReadOnlyList<double[]> grid,
        ScenarioDesign design, IReadOnlyList<RowRecord> records)
    {
        ArgumentNullException.ThrowIfNull(baseScenario);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(records);
        ILookup<int, RowRecord> byVariant = records.ToLookup(r => r.Row.Variant);
        if (grid.Count != design.Variants.Count || Enumerable.Range(0, grid.Count).Any(v => !byVariant.Contains(v)))
        {
            throw new ArgumentException($"The records do not cover the {grid.Count} grid point(s) of the sweep.", nameof(records));
        }

        ulong seed = records[0].Row.Seed;
        var points = new List<SweepPoint>(grid.Count);
        for (int v = 0; v < grid.Count; v++)
        {
            ProjectionResult result = ProjectionAnalysis.Summarise(design.Variants[v], seed, [.. byVariant[v]]);
            points.Add(new SweepPoint { Values = Array.AsReadOnly(grid[v]), Result = result });
        }

        return new SweepResult
        {
            ScenarioName = baseScenario.Name,
            Seed = seed,
            Replications = points[0].Result.Replications,
            Parameters = parameters.ToList().AsReadOnly(),
            Points = points.AsReadOnly(),
        };
    }
}
