namespace CorridorSim.Experiments;

/// <summary>One box of a PRIM peeling trajectory: step 0 holds every point; each later step peels one slice more.</summary>
/// <param name="Step">The step's number, 0 for the box of all points.</param>
/// <param name="Coverage">Points of interest in the box / all points of interest.</param>
/// <param name="Density">Points of interest in the box / points in the box.</param>
/// <param name="Support">The number of points in the box.</param>
/// <param name="Limits">The box's restricted inputs, in input order.</param>
internal sealed record PrimStep(int Step, double Coverage, double Density, int Support, IReadOnlyList<PrimLimit> Limits);
