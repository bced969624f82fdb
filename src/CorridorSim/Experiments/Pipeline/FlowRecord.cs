namespace CorridorSim.Experiments;

/// <summary>One cargo flow in one simulated year (the values of <see cref="Corridor.FlowKpi"/> that analyses use).</summary>
/// <param name="Id">Flow id.</param>
/// <param name="Commodity">Commodity.</param>
/// <param name="GeneratedTons">Tons generated.</param>
/// <param name="DeliveredTons">Tons delivered.</param>
/// <param name="MeanTransitDays">Mean transit, in days (NaN if none delivered).</param>
/// <param name="P50TransitDays">Median transit, in days.</param>
/// <param name="P95TransitDays">95th percentile transit, in days.</param>
internal sealed record FlowRecord(string Id, string Commodity, double GeneratedTons, double DeliveredTons, double MeanTransitDays, double P50TransitDays, double P95TransitDays)
{
    /// <summary>Of the delivered tons, those generated before the year began.</summary>
    public double DeliveredFromBacklogTons { get; init; }

    /// <summary>Tons diverted to the flow's alternative.</summary>
    public double DivertedTons { get; init; }

    /// <summary>The binned transit days of the flow's delivered units (null if none), merged across replications for pooled percentiles.</summary>
    public Engine.BinnedCounts? TransitHistogram { get; init; }
}
