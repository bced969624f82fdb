namespace CorridorSim.Corridor;

/// <summary>Indicators of one cargo flow over one simulated year.</summary>
public sealed record FlowKpi
{
    /// <summary>Flow id.</summary>
    public required string Id { get; init; }

    /// <summary>Commodity.</summary>
    public required string Commodity { get; init; }

    /// <summary>Tons generated (demand) in the year.</summary>
    public double GeneratedTons { get; init; }

    /// <summary>Tons delivered to the destination in the year.</summary>
    public double DeliveredTons { get; init; }

    /// <summary>Of <see cref="DeliveredTons"/>, the tons generated before the year began (backlog cleared), so that
    /// <see cref="DeliveredTons"/> − <see cref="DeliveredFromBacklogTons"/> is this year's demand delivered this year.</summary>
    public double DeliveredFromBacklogTons { get; init; }

    /// <summary>Tons that left for the flow's alternative in the year (<see cref="CargoFlowDefinition.Diversion"/>).</summary>
    public double DivertedTons { get; init; }

    /// <summary>Units delivered in the year.</summary>
    public long DeliveredUnits { get; init; }

    /// <summary>Mean origin → destination transit of units delivered in the year, in days (NaN if none).</summary>
    public double MeanTransitDays { get; init; }

    /// <summary>Median transit, in days.</summary>
    public double P50TransitDays { get; init; }

    /// <summary>95th percentile transit, in days.</summary>
    public double P95TransitDays { get; init; }

    /// <summary>The binned transit days of the flow's delivered units, for percentiles pooled across replications; null if none delivered.</summary>
    internal Engine.BinnedCounts? TransitHistogram { get; init; }
}
