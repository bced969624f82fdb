using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// A study's rows and how to simulate each one. Projection and sweep are designs (with their analyses), not
/// separate engines; capacity probes, uncertainty samples and planner candidates are further designs.
/// </summary>
internal interface IDesign
{
    /// <summary>Every row, in index order (row i at position i).</summary>
    IReadOnlyList<Row> Rows { get; }

    /// <summary>A fresh run for <paramref name="row"/>, its streams derived from the row's seed and replication only, and the years to run it.</summary>
    (CorridorRun Run, int Years) Start(Row row);
}
