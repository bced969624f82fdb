namespace CorridorSim.Experiments;

/// <summary>A year and the probability with which the target was met in it.</summary>
public sealed record TargetMetYear
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>Share of replications that met the target in that year, 0..1.</summary>
    public required double Probability { get; init; }
}
