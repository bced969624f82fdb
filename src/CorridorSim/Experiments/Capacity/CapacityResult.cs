namespace CorridorSim.Experiments;

/// <summary>The capacity of every projected year (a projection run with <see cref="ProjectionOptions.Capacity"/>).</summary>
public sealed record CapacityResult
{
    /// <summary>Replications of each year's search.</summary>
    public required int Replications { get; init; }

    /// <summary>One entry per projected year with demand, in calendar order.</summary>
    public required IReadOnlyList<YearCapacity> Years { get; init; }

    /// <summary>
    /// The first year whose <see cref="YearCapacity.ProbabilityTargetMet"/> reaches the scenario's target probability:
    /// the year the corridor can carry the target, whatever the demand; null if none does.
    /// </summary>
    public TargetMetYear? FirstYearTargetMet { get; init; }

    /// <summary>Probe years simulated by the searches, in all.</summary>
    public required long Probes { get; init; }
}
