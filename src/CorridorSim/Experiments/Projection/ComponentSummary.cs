using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>One component over the whole projection.</summary>
public sealed record ComponentSummary
{
    /// <summary>Component id.</summary>
    public required string Id { get; init; }

    /// <summary>Component kind (<see cref="ComponentKpi.Kind"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>Utilization (0..1): one observation per replication, the unweighted mean of its yearly utilizations.</summary>
    public required Estimate Utilization { get; init; }

    /// <summary>Mean wait in hours: one observation per replication, the unweighted mean of its yearly mean waits.</summary>
    public required Estimate MeanWaitHours { get; init; }

    /// <summary>Time states over all years: per state, the mean across replications of each replication's unweighted mean over the years.</summary>
    public ComponentTimeStates TimeStates { get; init; } = ComponentTimeStates.AllIdle;
}
