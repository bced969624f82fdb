namespace CorridorSim.Experiments;

/// <summary>One investment of the chosen plan: when it comes, what it costs and what it adds to the system.</summary>
public sealed record PlanItem
{
    /// <summary>The candidate's name.</summary>
    public required string Name { get; init; }

    /// <summary>The trigger rule that starts it, e.g. "occupancy of port:aktau above 0.8"; null for a dated item.</summary>
    public string? Trigger { get; init; }

    /// <summary>The share of samples in which it starts within the checked years (1 for a dated item).</summary>
    public required double StartedShare { get; init; }

    /// <summary>
    /// When construction starts (its earliest start, or 1 January of the first simulated year); for a triggered item
    /// the median start across the samples, null when it starts in fewer than half of them.
    /// </summary>
    public required DateTime? Start { get; init; }

    /// <summary>The promised completion: the start plus the lead time; null when <see cref="Start"/> is.</summary>
    public required DateTime? Promised { get; init; }

    /// <summary>The median completion across the samples, slippage included; null when it is built in fewer than half of them.</summary>
    public required DateTime? MedianCompletion { get; init; }

    /// <summary>The 90th-percentile completion across the samples; null when it is not built in more than a tenth of them.</summary>
    public required DateTime? P90Completion { get; init; }

    /// <summary>The share of samples in which it completes on its promised date.</summary>
    public required double OnTimeShare { get; init; }

    /// <summary>The capex as stated, USD.</summary>
    public required double CapexUsd { get; init; }

    /// <summary>The expected discounted cost, USD: capex times one plus the mean overrun, discounted to the start; for a triggered item the mean across samples of that cost where it starts (none where it does not).</summary>
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
