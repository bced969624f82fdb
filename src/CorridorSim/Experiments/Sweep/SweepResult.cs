namespace CorridorSim.Experiments;

/// <summary>The response of a projection to one or two parameters over a grid.</summary>
public sealed record SweepResult
{
    /// <summary>The base scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The master seed every point used.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>The parameters varied (one or two).</summary>
    public required IReadOnlyList<SweepParameter> Parameters { get; init; }

    /// <summary>The grid points: the first parameter varies slowest.</summary>
    public required IReadOnlyList<SweepPoint> Points { get; init; }
}
