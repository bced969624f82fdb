namespace CorridorSim.Corridor;

/// <summary>Key performance indicators of one component over one simulated year.</summary>
public sealed record ComponentKpi
{
    /// <summary>Component id.</summary>
    public required string Id { get; init; }

    /// <summary><c>rail</c>, <c>border</c>, <c>transshipment</c>, <c>terminal</c>, <c>port</c>, <c>ferry</c> or <c>sea</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Tons that left the component in the year (for ports: tons loaded plus unloaded).</summary>
    public double TonsThrough { get; init; }

    /// <summary>Units that left the component in the year.</summary>
    public long UnitsThrough { get; init; }

    /// <summary>
    /// Share of capacity used in the year, 0..1: for stages, the time the departure slot (24 / trains per day
    /// after each train) was taken; for road legs, lane occupancy; for ports, berth occupancy (a berth held while the
    /// port is closed counts as used); for vessel legs, the share of vessel time in service spent sailing, loading or
    /// unloading, or waiting for backhaul cargo at port B (the departure policy's wait), that is
    /// <see cref="ComponentTimeStates.Sailing"/> + <see cref="ComponentTimeStates.Loading"/> +
    /// <see cref="ComponentTimeStates.WaitingForBackhaul"/>: time waiting for cargo at port A, for a berth or for the
    /// weather is not used, so berth contention is charged to the port, not the fleet.
    /// </summary>
    public double Utilization { get; init; }

    /// <summary>How the component's capacity-time was spent in the year (shares summing to 1); see <see cref="ComponentTimeStates"/>.</summary>
    public ComponentTimeStates TimeStates { get; init; } = ComponentTimeStates.AllIdle;

    /// <summary>Mean hours a unit waited at the component before moving on (train formation and slot, or vessel departure); for ports, mean hours a vessel waited for a berth.</summary>
    public double MeanWaitHours { get; init; }

    /// <summary>95th percentile of the same waits, in hours.</summary>
    public double P95WaitHours { get; init; }

    /// <summary>Time-average number of units (for ports: vessels) waiting.</summary>
    public double MeanQueue { get; init; }

    /// <summary>Ports: mean vessel port time (arrival to departure), in hours; null for other components.</summary>
    public double? MeanPortTimeHours { get; init; }

    /// <summary>Ports: share of vessel calls within the port-time target (30 h protocol); null for other components.</summary>
    public double? ShareWithinPortTimeTarget { get; init; }

    /// <summary>Ports: hours closed by weather in the year; null for other components.</summary>
    public double? ClosedHours { get; init; }
}
