using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>One entry of a run's event log (see <see cref="ICorridorEventSink"/>; the columns are in docs/events.md).</summary>
public readonly struct CorridorEventRecord
{
    /// <summary>When it happened, in simulated time since the warm-up's start.</summary>
    public required SimTime Time { get; init; }

    /// <summary>What happened.</summary>
    public required CorridorEventKind Kind { get; init; }

    /// <summary>The kind of thing it happened to.</summary>
    public required CorridorEntityKind Entity { get; init; }

    /// <summary>The thing's id, unique in the run: <c>u17</c> for a unit, <c>stage-id#4</c> for a train, <c>leg-id/vessel#9</c> for a voyage, <c>road-id#3</c> for a truck, the port's id for a port.</summary>
    public required string EntityId { get; init; }

    /// <summary>The component where it happened (the vessel leg, not the port, for events at a leg's ports).</summary>
    public required string ComponentId { get; init; }

    /// <summary>The port (berth) where it happened, for events at a vessel leg's ports and port closures; otherwise null.</summary>
    public string? PortId { get; init; }

    /// <summary>The unit's flow; null for trains, voyages and ports.</summary>
    public string? FlowId { get; init; }

    /// <summary>The unit's commodity; null for trains, voyages and ports.</summary>
    public string? Commodity { get; init; }

    /// <summary>Tons involved: the unit's, or what the train, vessel or truck carries; 0 for ports.</summary>
    public double Tons { get; init; }

    /// <summary>The train, vessel voyage or truck the unit rides in this event; null otherwise.</summary>
    public string? VehicleId { get; init; }
}
