using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// One or more scenario alternatives (variants), each run for the same replications with the same master seed
/// (<see cref="Rows.Grid"/>): the projection is one variant, a sweep one variant per grid point.
/// </summary>
internal sealed class ScenarioDesign : IDesign
{
    private readonly Scenario[] _variants;
    private readonly CorridorModel[] _models;

    /// <summary>Builds each variant's model (checking its corridor) and the rows.</summary>
    /// <exception cref="ScenarioException">A variant's corridor definition is invalid.</exception>
    public ScenarioDesign(IReadOnlyList<Scenario> variants, int replications, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(variants);
        _variants = [.. variants];
        _models = [.. _variants.Select(s => new CorridorModel(s.Corridor))];
        Rows = Experiments.Rows.Grid(_variants.Length, replications, seed);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>The event log attached to one row's run (<see cref="EventReplication"/> of variant 0); null: none.</summary>
    public ICorridorEventSink? EventSink { get; init; }

    /// <summary>The replication whose run <see cref="EventSink"/> logs.</summary>
    public int EventReplication { get; init; }

    /// <summary>The variants, by variant index.</summary>
    public IReadOnlyList<Scenario> Variants => _variants;

    /// <summary>
    /// <see cref="CorridorModel.CreateRun"/> with the row's seed and replication index, from the variant's
    /// <see cref="SimulationSettings.StartYear"/> after its warm-up, for <see cref="SimulationSettings.Years"/> years.
    /// </summary>
    public (CorridorRun Run, int Years) Start(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        SimulationSettings settings = _variants[row.Variant].Simulation;
        ICorridorEventSink? sink = row.Variant == 0 && row.Replication == EventReplication ? EventSink : null;
        return (_models[row.Variant].CreateLoggedRun(row.Seed, row.Replication, settings.StartYear, settings.WarmupDays, settings.MaxTonsInSystem, sink), settings.Years);
    }
}
