namespace CorridorSim.Experiments;

/// <summary>A PRIM box's restriction of one input: Low ≤ x ≤ High, with −∞ or +∞ for an open side.</summary>
/// <param name="Input">The input's index (column of the design).</param>
/// <param name="Name">The input's name.</param>
/// <param name="Low">The lower bound (inclusive), or −∞.</param>
/// <param name="High">The upper bound (inclusive), or +∞.</param>
internal sealed record PrimLimit(int Input, string Name, double Low, double High);
