namespace CorridorSim.Experiments;

/// <summary>Origin → destination transit days of one year across replications.</summary>
/// <remarks>
/// <see cref="Mean"/> is the mean across replications of each replication's mean over the units it delivered in the
/// year (all flows, weighted per unit); <see cref="P50"/> and <see cref="P95"/> are percentiles of every unit of every
/// replication pooled (the replications' binned histograms merged, 1 % relative accuracy), not means of per-replication
/// percentiles, which understate the tail when replications differ. Replications that delivered nothing in the year
/// are left out; NaN when none delivered.
/// </remarks>
public sealed record TransitSummary
{
    /// <summary>Mean across replications of each replication's mean transit, in days.</summary>
    public required double Mean { get; init; }

    /// <summary>Median transit of the units of every replication pooled, in days.</summary>
    public required double P50 { get; init; }

    /// <summary>95th percentile transit of the units of every replication pooled, in days.</summary>
    public required double P95 { get; init; }
}
