using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// What a projection found: per-year delivered tons with confidence intervals, transit times, the probability of
/// meeting the target, bottlenecks, component indicators and the calibration check. Deterministic for a scenario,
/// seed and replication count (no wall-clock time), whatever the thread count.
/// </summary>
public sealed record ProjectionResult
{
    /// <summary>The scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The master seed used.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications run (indices 0 .. Replications − 1).</summary>
    public required int Replications { get; init; }

    /// <summary>The target in tons per year.</summary>
    public required double TargetTons { get; init; }

    /// <summary>The probability with which the target must be met (<see cref="SimulationSettings.TargetProbability"/>).</summary>
    public required double TargetProbability { get; init; }

    /// <summary>One summary per simulated year, in calendar order.</summary>
    public required IReadOnlyList<YearSummary> Years { get; init; }

    /// <summary>The first year whose <see cref="YearSummary.ProbabilityTargetMet"/> reaches <see cref="TargetProbability"/>; null if none does.</summary>
    public TargetMetYear? FirstYearTargetMet { get; init; }

    /// <summary>Per-component indicators over all years, in the corridor's component order.</summary>
    public required IReadOnlyList<ComponentSummary> Components { get; init; }

    /// <summary>Each year's capacity and bottleneck; null unless <see cref="ProjectionOptions.Capacity"/> was given.</summary>
    public CapacityResult? Capacity { get; init; }

    /// <summary>The calibration check; null when the scenario has no calibration target or does not simulate its year.</summary>
    public CalibrationResult? Calibration { get; init; }

    /// <summary>
    /// Null for a complete projection. Otherwise why it is partial: a replication's backlog passed
    /// <see cref="SimulationSettings.MaxTonsInSystem"/> (the component and year), and <see cref="Years"/> holds only
    /// the years every replication completed.
    /// </summary>
    public string? PartialReason { get; init; }
}
