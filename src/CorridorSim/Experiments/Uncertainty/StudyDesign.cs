using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// The rows of a study: sample i's replication r is row i·R + r, simulated on sample i's scenario with replication
/// index i·R + r, so each sample's noise is its own and the same (sample, replication) draws the same streams in
/// any alternative scenario with the same seed.
/// </summary>
internal sealed class StudyDesign : IDesign
{
    private readonly Scenario[] _samples;
    private readonly CorridorModel[] _models;

    /// <summary>Builds each sample's model and the rows.</summary>
    public StudyDesign(IReadOnlyList<Scenario> samples, int replications, ulong seed)
    {
        _samples = [.. samples];
        _models = [.. _samples.Select(s => new CorridorModel(s.Corridor))];
        Replications = replications;
        var rows = new Row[_samples.Length * replications];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new Row(i, 0, i / replications, i, seed);
        }

        Rows = rows;
    }

    /// <inheritdoc/>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Replications per sample.</summary>
    public int Replications { get; }

    /// <summary>The drawn input values, by sample (set by <see cref="Study"/>).</summary>
    public double[][]? Values { get; init; }

    /// <summary>The uncertainty section with the options' samples and replications in force (set by <see cref="Study"/>).</summary>
    public UncertaintyDefinition? Uncertainty { get; init; }

    /// <summary>Each sample's scenario.</summary>
    public IReadOnlyList<Scenario> Samples => _samples;

    /// <inheritdoc/>
    public (CorridorRun Run, int Years) Start(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        SimulationSettings settings = _samples[row.Sample].Simulation;
        return (_models[row.Sample].CreateRun(row.Seed, row.Replication, settings.StartYear, settings.WarmupDays, settings.MaxTonsInSystem), settings.Years);
    }
}
