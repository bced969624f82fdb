namespace CorridorSim.Experiments;

/// <summary>
/// One input's sensitivity index with its bootstrap percentile interval; for Sobol indices <paramref name="Value"/> is the
/// first-order index S1 and <see cref="Total"/> the total index ST, for rank regression the SRRC (no total: NaN).
/// </summary>
/// <param name="Input">The input's index (column of the design).</param>
/// <param name="Value">The index's point estimate.</param>
/// <param name="Low">The lower end of its percentile interval (NaN without bootstrap replicates).</param>
/// <param name="High">The upper end of its percentile interval (NaN without bootstrap replicates).</param>
internal sealed record SensitivityIndex(int Input, double Value, double Low, double High)
{
    /// <summary>The total-effect index, or NaN when the method has none.</summary>
    internal double Total { get; init; } = double.NaN;

    /// <summary>The lower end of <see cref="Total"/>'s interval, or NaN.</summary>
    internal double TotalLow { get; init; } = double.NaN;

    /// <summary>The upper end of <see cref="Total"/>'s interval, or NaN.</summary>
    internal double TotalHigh { get; init; } = double.NaN;
}
