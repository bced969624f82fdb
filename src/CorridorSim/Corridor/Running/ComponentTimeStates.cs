namespace CorridorSim.Corridor;

/// <summary>
/// How a component's capacity-time was spent in one year, as shares that sum to 1. The unit of time depends on the
/// kind: vessel-hours in service for vessel legs, berth-hours for ports, departure-slot hours for stages, lane-hours
/// for road legs. A state a kind does not have is 0.
/// </summary>
public sealed record ComponentTimeStates
{
    /// <summary>
    /// Stages: the departure slot taken (a train leaving and its headway); road legs: gate lanes processing a truck;
    /// ports: berths held by a vessel while the port is open. Vessel legs: 0 (see <see cref="Sailing"/> and
    /// <see cref="Loading"/>).
    /// </summary>
    public double Working { get; init; }

    /// <summary>Vessel legs: vessels at sea, either way.</summary>
    public double Sailing { get; init; }

    /// <summary>Vessel legs: vessels at a berth loading or unloading while the port is open.</summary>
    public double Loading { get; init; }

    /// <summary>Vessel legs: vessels queued for a berth at either port (the port's contention, charged to the port's <see cref="Working"/>).</summary>
    public double WaitingForBerth { get; init; }

    /// <summary>
    /// Vessel legs: vessels held by a port closure (before berthing, with handling paused, or before sailing);
    /// ports: berth-hours while the port is closed by weather or a dated closure.
    /// </summary>
    public double WeatherBound { get; init; }

    /// <summary>Vessel legs: vessels at port B waiting for backhaul cargo under the departure rule (the policy's wait, counted as used).</summary>
    public double WaitingForBackhaul { get; init; }

    /// <summary>
    /// Capacity unused for want of cargo: vessel legs, vessels at port A waiting for cargo (for the first unit, for the
    /// load to fill, or for the timetable slot); stages, road legs and ports, the slot, lanes or berths free.
    /// </summary>
    public double Idle { get; init; }

    /// <summary>All capacity-time idle (a component with no capacity-time in the year, e.g. a fleet not yet in service).</summary>
    internal static ComponentTimeStates AllIdle { get; } = new() { Idle = 1 };

    /// <summary>The shares of a component that is either working or idle.</summary>
    internal static ComponentTimeStates WorkingOrIdle(double working)
    {
        double w = Math.Clamp(working, 0, 1);
        return new ComponentTimeStates { Working = w, Idle = 1 - w };
    }
}
