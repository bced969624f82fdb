namespace CorridorSim.Corridor;

/// <summary>One vessel of a fleet.</summary>
public sealed record VesselDefinition
{
    /// <summary>The vessel's name.</summary>
    public required string Name { get; init; }

    /// <summary>Capacity in units of the leg's unit type (wagons, TEU, tanker loads) at full draft.</summary>
    public required int CapacityUnits { get; init; }

    /// <summary>When the vessel enters service (null: from the start). New ships are investments dated here.</summary>
    public DateTime? InServiceFrom { get; init; }
}
