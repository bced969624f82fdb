namespace CorridorSim.Corridor;

/// <summary>
/// A border crossing: processing capacity in <see cref="StageDefinition.TrainsPerDay"/> and a dwell per train (customs,
/// inspection, crew and locomotive change) in <see cref="StageDefinition.TransitHours"/> [P15: 4–12 h].
/// </summary>
public sealed record BorderCrossingDefinition : StageDefinition
{
    /// <inheritdoc/>
    public override StageKind Kind => StageKind.Border;
}
