namespace CorridorSim.Experiments;

/// <summary>One cargo flow in one year, across replications.</summary>
public sealed record FlowYearSummary
{
    /// <summary>Flow id.</summary>
    public required string Id { get; init; }

    /// <summary>Commodity.</summary>
    public required string Commodity { get; init; }

    /// <summary>Mean tons generated (demand) in the year.</summary>
    public required double GeneratedTons { get; init; }

    /// <summary>Tons delivered in the year across replications.</summary>
    public required Estimate DeliveredTons { get; init; }

    /// <summary>Mean tons delivered in the year that were generated before it began.</summary>
    public double DeliveredFromBacklogTons { get; init; }

    /// <summary>Mean tons diverted to the flow's alternative in the year.</summary>
    public double DivertedTons { get; init; }

    /// <summary>Mean across replications of the flow's mean transit, in days (replications that delivered none of the flow left out; NaN if none did).</summary>
    public required double MeanTransitDays { get; init; }

    /// <summary>Median transit of the flow's units of every replication pooled, in days.</summary>
    public required double P50TransitDays { get; init; }

    /// <summary>95th percentile transit of the flow's units of every replication pooled (histograms merged), in days.</summary>
    public required double P95TransitDays { get; init; }
}
