namespace CorridorSim.Experiments;

/// <summary>
/// A counterfactual bottleneck candidate of one year: how much relieving the component (as its kind states: one more
/// berth, one more vessel, 20 % more trains per day, one more lane) raises capacity, with common random numbers.
/// </summary>
public sealed record BottleneckGain
{
    /// <summary>The component relieved.</summary>
    public required string Component { get; init; }

    /// <summary>The relief tried, e.g. "one more berth".</summary>
    public required string Relief { get; init; }

    /// <summary>Service capacity gained, in tons per year: relieved minus unrelieved, paired by replication.</summary>
    public required Estimate ServiceCapacityGainTons { get; init; }

    /// <summary>Ceiling gained, in tons per year, paired by replication.</summary>
    public required Estimate CeilingGainTons { get; init; }
}
