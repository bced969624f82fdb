namespace CorridorSim.Corridor;

/// <summary>
/// A rail segment: line capacity in <see cref="StageDefinition.TrainsPerDay"/> per direction and a running time per
/// train in <see cref="StageDefinition.TransitHours"/>.
/// </summary>
public sealed record RailSegmentDefinition : StageDefinition
{
    /// <inheritdoc/>
    public override StageKind Kind => StageKind.Rail;

    /// <summary>Length in km (informative); 0..100000.</summary>
    public double LengthKm { get; init; }
}
