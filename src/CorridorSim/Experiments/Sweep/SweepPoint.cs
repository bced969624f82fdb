namespace CorridorSim.Experiments;

/// <summary>One point of a sweep grid: the parameter values and the projection run there.</summary>
public sealed record SweepPoint
{
    /// <summary>The value of each parameter, in the order of <see cref="SweepResult.Parameters"/>.</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>The projection at this point (same seed and replication indices as every other point).</summary>
    public required ProjectionResult Result { get; init; }
}
