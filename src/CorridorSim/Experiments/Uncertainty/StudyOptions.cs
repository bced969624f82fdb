namespace CorridorSim.Experiments;

/// <summary>Overrides of a study's design and how it runs.</summary>
public sealed record StudyOptions
{
    /// <summary>The samples (base samples with the Saltelli design), overriding the scenario's; null: the scenario's.</summary>
    public int? Samples { get; init; }

    /// <summary>Replications per sample, overriding the scenario's; null: the scenario's.</summary>
    public int? Replications { get; init; }

    /// <summary>The master seed; null: the scenario's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The most simulations run at once (default: the processor count).</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// How each (sample, year, replication) searches its service capacity, or null for a study of delivered tons
    /// only. <see cref="CapacityOptions.Replications"/> and <see cref="CapacityOptions.BottleneckCandidates"/> are not
    /// used: a search runs in each of the sample's replications, and a study reports no counterfactual bottleneck.
    /// The first probe of every search is at the target, so P(capacity ≥ target) does not depend on the resolution.
    /// </summary>
    public CapacityOptions? Capacity { get; init; } = DefaultCapacity;

    /// <summary>The study's capacity search by default: 5 % resolution, at most 3 bisection probes after the one at the target.</summary>
    public static CapacityOptions DefaultCapacity { get; } = new() { Resolution = 0.05, MaxProbes = 3, BottleneckCandidates = 0 };

    /// <summary>Bootstrap resamples of the sensitivity intervals (default 200).</summary>
    public int Bootstrap { get; init; } = 200;
}
