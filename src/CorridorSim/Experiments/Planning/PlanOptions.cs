namespace CorridorSim.Experiments;

/// <summary>Overrides of a plan's samples and seed, and how it runs.</summary>
public sealed record PlanOptions
{
    /// <summary>Samples every candidate plan is evaluated on, overriding the scenario's plan.samples; null: the scenario's.</summary>
    public int? Samples { get; init; }

    /// <summary>Fresh samples the chosen plan is confirmed on, overriding plan.confirmSamples; null: the scenario's.</summary>
    public int? ConfirmSamples { get; init; }

    /// <summary>The master seed; null: the scenario's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The most simulations run at once (default: the processor count).</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// How each (plan, sample, year) searches its service capacity (default <see cref="StudyOptions.DefaultCapacity"/>).
    /// <see cref="CapacityOptions.Replications"/> and <see cref="CapacityOptions.BottleneckCandidates"/> are not used:
    /// a sample is one replication, and the first probe of every search is at the target, so whether a plan reaches
    /// it does not depend on the resolution.
    /// </summary>
    public CapacityOptions Capacity { get; init; } = StudyOptions.DefaultCapacity;
}
