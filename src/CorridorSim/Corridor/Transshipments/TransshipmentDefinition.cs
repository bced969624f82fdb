using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// A gauge-change transshipment point (1435 ↔ 1520 mm): capacity in <see cref="StageDefinition.TrainsPerDay"/>, a dwell
/// common to every train in <see cref="StageDefinition.TransitHours"/>, and optionally the handling
/// <see cref="Modes"/> trains are worked by (bogie exchange, crane transfer of containers, reloading of bulk), each
/// adding its own hours for its share of the trains.
/// </summary>
public sealed record TransshipmentDefinition : StageDefinition
{
    /// <inheritdoc/>
    public override StageKind Kind => StageKind.Transshipment;

    /// <summary>Handling modes with the share of trains each works (shares are normalised); empty: the dwell only.</summary>
    public IReadOnlyList<HandlingMode> Modes { get; init; } = [];

    internal override double TrainHours(RandomStream stream)
    {
        double hours = TransitHours.Sample(stream);
        if (Modes.Count == 0)
        {
            return hours;
        }

        double u = stream.NextDouble() * Modes.Sum(m => m.Share);
        foreach (HandlingMode mode in Modes)
        {
            u -= mode.Share;
            if (u < 0)
            {
                return hours + mode.Hours.Sample(stream);
            }
        }

        return hours + Modes[^1].Hours.Sample(stream);
    }

    internal override double MeanTrainHours
    {
        get
        {
            double total = Modes.Sum(m => m.Share);
            return TransitHours.Mean + (Modes.Count == 0 ? 0 : Modes.Sum(m => m.Share * m.Hours.Mean) / total);
        }
    }

    internal override void Validate(ValidationContext context, string path)
    {
        base.Validate(context, path);
        for (int i = 0; i < Modes.Count; i++)
        {
            // Ranges (share): TransshipmentFields (ValidationContext.CheckRanges).
            context.CheckDistribution($"{path}.modes[{i}].hours", Id, Modes[i].Hours);
        }
    }
}
