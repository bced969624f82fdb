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

    internal override void Validate(ValidationContext context, string path)
    {
        base.Validate(context, path);
        if (!(LengthKm >= 0 && LengthKm < 100_000))
        {
            context.Error(path + ".lengthKm", $"stage '{Id}': lengthKm must be within 0..100000, found {ValidationContext.Format(LengthKm)}.");
        }
    }
}
