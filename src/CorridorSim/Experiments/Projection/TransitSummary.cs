namespace CorridorSim.Experiments;

/// <summary>Origin → destination transit days of one year, averaged across replications.</summary>
/// <remarks>
/// Each field is the mean across replications of that replication's statistic over every unit it delivered in the
/// year (all flows, weighted per unit): <see cref="P95"/> is the mean of the replications' 95th percentiles, not the
/// 95th percentile of all units pooled. Replications that delivered nothing in the year are left out; NaN when none delivered.
/// </remarks>
public sealed record TransitSummary
{
    /// <summary>Mean across replications of each replication's mean transit, in days.</summary>
    public required double Mean { get; init; }

    /// <summary>Mean across replications of each replication's median transit, in days.</summary>
    public required double P50 { get; init; }

    /// <summary>Mean across replications of each replication's 95th percentile transit, in days.</summary>
    public required double P95 { get; init; }
}
