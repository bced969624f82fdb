using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>Overrides of a scenario's <see cref="SimulationSettings"/> for one projection, and how many threads to use.</summary>
public sealed record ProjectionOptions
{
    /// <summary>Replications to run (1..<see cref="SimulationSettings.MaxReplications"/>); null: the scenario's <see cref="SimulationSettings.Replications"/>.</summary>
    public int? Replications { get; init; }

    /// <summary>Master seed; null: the scenario's <see cref="SimulationSettings.Seed"/>.</summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// The most replications run at once, on that many threads (at least 1); default <see cref="Environment.ProcessorCount"/>.
    /// Results do not depend on it: replication i always draws the same random streams and is aggregated in index order.
    /// </summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// How to search each year's service capacity, ceiling and counterfactual bottleneck
    /// (<see cref="ProjectionResult.Capacity"/>); null (the default): no capacity search, and the run costs only its
    /// replications.
    /// </summary>
    public CapacityOptions? Capacity { get; init; }

    /// <summary>
    /// Receives the event log of replication <see cref="EventReplication"/> (warm-up included); null (the default):
    /// no log, and the run costs a null check per event. The log does not change any result. Read by
    /// <see cref="Projection.Run"/> for its replications (not its capacity search); sweeps ignore it.
    /// </summary>
    public ICorridorEventSink? EventSink { get; init; }

    /// <summary>The replication (0-based, below the replications run) whose events <see cref="EventSink"/> receives; default 0.</summary>
    public int EventReplication { get; init; }
}
