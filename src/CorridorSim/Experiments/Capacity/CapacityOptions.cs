namespace CorridorSim.Experiments;

/// <summary>
/// How a projection searches each year's capacity (<see cref="YearCapacity"/>): probe replications, the search's
/// resolution and probe budget, and how many counterfactual bottleneck candidates it tries.
/// </summary>
public sealed record CapacityOptions
{
    /// <summary>The most probe replications (and bottleneck candidates) a search takes.</summary>
    public const int MaxReplications = 1000;

    /// <summary>
    /// Independent replications of each year's search, 1..<see cref="MaxReplications"/> (default 4); every probe of
    /// replication r uses the same random streams (common random numbers), so the intervals are across these.
    /// </summary>
    public int Replications { get; init; } = 4;

    /// <summary>
    /// The search stops when the feasible and infeasible demand levels are closer than this share of the ceiling,
    /// within (0, 0.5] (default 0.02: 2 %).
    /// </summary>
    public double Resolution { get; init; } = 0.02;

    /// <summary>The most bisection probes per search, 1..50 (default 6), besides the ceiling and reference probes.</summary>
    public int MaxProbes { get; init; } = 6;

    /// <summary>
    /// Components tried as the counterfactual bottleneck each year, 0..<see cref="MaxReplications"/> (default 3; 0: no
    /// bottleneck search): the most utilised components of the least-loaded probe not served, each vessel leg followed by the ports it calls at.
    /// </summary>
    public int BottleneckCandidates { get; init; } = 3;

    /// <summary>Every problem with the options, one message each; empty when valid.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Replications is < 1 or > MaxReplications)
        {
            problems.Add($"capacity.Replications must be within 1..{MaxReplications}, found {Replications}.");
        }

        if (!(Resolution > 0 && Resolution <= 0.5))
        {
            problems.Add($"capacity.Resolution must be within (0, 0.5], found {Resolution}.");
        }

        if (MaxProbes is < 1 or > 50)
        {
            problems.Add($"capacity.MaxProbes must be within 1..50, found {MaxProbes}.");
        }

        if (BottleneckCandidates is < 0 or > MaxReplications)
        {
            problems.Add($"capacity.BottleneckCandidates must be within 0..{MaxReplications}, found {BottleneckCandidates}.");
        }

        return problems;
    }
}
