namespace CorridorSim.Experiments;

/// <summary>
/// The box PRIM found: its restricted inputs (only those; every other input is unrestricted), its coverage, density and
/// support, and the whole peeling trajectory it was chosen from.
/// </summary>
/// <param name="Limits">The restricted inputs, in input order; empty for the box of every point.</param>
/// <param name="Coverage">Points of interest in the box / all points of interest.</param>
/// <param name="Density">Points of interest in the box / points in the box.</param>
/// <param name="Support">The number of points in the box.</param>
/// <param name="Trajectory">Every box of the peeling, step 0 first.</param>
internal sealed record PrimBox(
    IReadOnlyList<PrimLimit> Limits, double Coverage, double Density, int Support, IReadOnlyList<PrimStep> Trajectory)
{
    /// <summary>The trajectory step the box was chosen at, before restrictions that did not raise density were dropped.</summary>
    internal int Step { get; init; }
}
