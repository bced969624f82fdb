namespace CorridorSim.Corridor;

/// <summary>What happened in a <see cref="CorridorEventRecord"/> (docs/events.md says which entity has which).</summary>
public enum CorridorEventKind
{
    /// <summary>A unit enters the corridor at its origin; a vessel voyage or truck reaches the far end of its leg.</summary>
    Arrive,

    /// <summary>A unit joins a component's queue; a vessel voyage waits for a berth.</summary>
    Queue,

    /// <summary>A unit's move through a component begins (its train, vessel or truck sets off); a vessel voyage takes a berth; a truck takes a gate lane.</summary>
    Start,

    /// <summary>A unit's move through a component ends (unloaded, arrived); a vessel voyage's handling at a berth ends.</summary>
    End,

    /// <summary>A unit leaves the corridor at its destination; a train, vessel voyage or truck sets off.</summary>
    Depart,

    /// <summary>A unit is loaded aboard a vessel, or its move through a transshipment (gauge change) ends.</summary>
    Transship,

    /// <summary>A unit gives up on the corridor after waiting too long (its flow's diversion rule).</summary>
    Divert,

    /// <summary>A port closes (a storm or a dated closure; overlapping closures give one event).</summary>
    Closure,

    /// <summary>A port reopens when its last closure ends.</summary>
    Reopen,
}
