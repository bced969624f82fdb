namespace CorridorSim.Corridor;

/// <summary>One route of a flow: the components it passes, in order, from origin to destination.</summary>
public sealed record RouteDefinition
{
    /// <summary>Component ids in order (stages and vessel legs; a vessel leg may be passed in either direction).</summary>
    public required IReadOnlyList<string> Legs { get; init; }

    /// <summary>Share of the flow for <see cref="RouteChoice.FixedShares"/> (shares are normalised).</summary>
    public double Share { get; init; } = 1;
}
