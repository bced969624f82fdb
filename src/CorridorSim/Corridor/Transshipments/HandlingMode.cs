using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>One way a transshipment point works a train, with the share of trains worked that way.</summary>
public sealed record HandlingMode
{
    /// <summary>A label, e.g. <c>bogie exchange</c> or <c>crane transfer</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Relative share of trains worked this way; positive (shares are normalised).</summary>
    public double Share { get; init; } = 1;

    /// <summary>Hours this mode adds to a train's dwell.</summary>
    public required Distribution Hours { get; init; }
}
