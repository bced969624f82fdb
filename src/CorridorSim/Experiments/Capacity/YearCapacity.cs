namespace CorridorSim.Experiments;

/// <summary>
/// What the corridor can carry in one year, on that year's infrastructure and at its cargo mix (every flow's demand
/// scaled by one factor), estimated across the capacity search's replications.
/// </summary>
public sealed record YearCapacity
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>The year's demand (the mix the capacity is measured at), in tons.</summary>
    public required double DemandTons { get; init; }

    /// <summary>
    /// Service capacity in tons per year: the largest demand at the year's mix that the corridor carries with a
    /// stable backlog (<see cref="Corridor.YearResult.Unstable"/>) and every flow's p95 transit
    /// within <see cref="Corridor.SimulationSettings.ServiceTransitFactor"/> × its p95 at half the ceiling.
    /// </summary>
    public required Estimate ServiceCapacityTons { get; init; }

    /// <summary>
    /// Ceiling in tons per year: what the corridor delivers when demand far exceeds its capacity. Probes stay within the
    /// scenario's limits (flow demand, units a year, <see cref="Corridor.SimulationSettings.MaxTonsInSystem"/>); where
    /// those stop the overload before the corridor saturates, this is what the largest allowed demand delivered, a
    /// lower bound.
    /// </summary>
    public required Estimate CeilingTons { get; init; }

    /// <summary>Service capacity by commodity, in ordinal order of the name.</summary>
    public required IReadOnlyDictionary<string, Estimate> ServiceCapacityTonsByCommodity { get; init; }

    /// <summary>Ceiling by commodity, in ordinal order of the name.</summary>
    public required IReadOnlyDictionary<string, Estimate> CeilingTonsByCommodity { get; init; }

    /// <summary>Share of the search's replications whose service capacity reached the target, 0..1.</summary>
    public required double ProbabilityTargetMet { get; init; }

    /// <summary>The counterfactual bottleneck candidates, largest mean service-capacity gain first (empty when none was searched).</summary>
    public required IReadOnlyList<BottleneckGain> Bottlenecks { get; init; }
}
