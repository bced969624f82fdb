namespace CorridorSim.Corridor;

/// <summary>A rail terminal: capacity in <see cref="StageDefinition.TrainsPerDay"/> and a dwell per train in <see cref="StageDefinition.TransitHours"/>.</summary>
public sealed record TerminalDefinition : StageDefinition
{
    /// <inheritdoc/>
    public override StageKind Kind => StageKind.Terminal;
}
