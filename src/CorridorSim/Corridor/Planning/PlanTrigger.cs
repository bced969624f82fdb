namespace CorridorSim.Corridor;

/// <summary>
/// A trigger rule for a plan candidate: the investment starts when a component's simulated occupancy over a
/// calendar year exceeds a threshold, so when (and whether) it is built depends on the demand the simulation
/// meets. The planner tunes the threshold among <see cref="Thresholds"/>.
/// </summary>
public sealed record PlanTrigger
{
    /// <summary>The most thresholds a trigger may offer the planner.</summary>
    public const int MaxThresholds = 10;

    /// <summary>The component whose occupancy (its reported utilisation over a calendar year) is watched.</summary>
    public required string Component { get; init; }

    /// <summary>The occupancies, in (0, 1], above which the investment starts; the planner picks one (the lever θ).</summary>
    public IReadOnlyList<double> Thresholds { get; init; } = [];
}
