namespace CorridorSim.Experiments;

/// <summary>One investment of the chosen plan: when it comes, what it costs and what it adds to the system.</summary>
public sealed record PlanItem
{
    /// <summary>The candidate's name.</summary>
    public required string Name { get; init; }

    /// <summary>When construction starts (its earliest start, or 1 January of the first simulated year).</summary>
    public required DateTime Start { get; init; }

    /// <summary>The promised completion: the start plus the lead time.</summary>
    public required DateTime Promised { get; init; }

    /// <summary>The median completion across the samples, slippage included.</summary>
    public required DateTime MedianCompletion { get; init; }

    /// <summary>The 90th-percentile completion across the samples.</summary>
    public required DateTime P90Completion { get; init; }

    /// <summary>The share of samples in which it completes on its promised date.</summary>
    public required double OnTimeShare { get; init; }

    /// <summary>The capex as stated, USD.</summary>
    public required double CapexUsd { get; init; }

    /// <summary>The expected discounted cost, USD: capex times one plus the mean overrun, discounted to the start.</summary>
    public required double CostUsd { get; init; }

    /// <summary>
    /// The system capacity it adds, tons a year: the mean across samples of the plan's capacity minus the capacity of
    /// the plan without it (and without the items that need it). Not the component's local capacity.
    /// </summary>
    public required double SystemGainTons { get; init; }

    /// <summary>Expected cost per ton a year of system capacity gained; NaN when it gains none.</summary>
    public required double UsdPerTonYear { get; init; }

    /// <summary>Where its capex, lead time and changes come from.</summary>
    public required string Source { get; init; }
}
