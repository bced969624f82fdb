namespace CorridorSim.Corridor;

/// <summary>A kind of cargo unit (TEU, wagon, tanker load) and how many of them make a train.</summary>
public sealed record UnitType
{
    /// <summary>Identifier referenced by flows and vessel legs, e.g. <c>teu</c> or <c>wagon</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Units that make one train at rail segments and terminals (e.g. 100 TEU [S157], 55 wagons).</summary>
    public int UnitsPerTrain { get; init; } = 50;
}
