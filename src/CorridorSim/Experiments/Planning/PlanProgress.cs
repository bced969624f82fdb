namespace CorridorSim.Experiments;

/// <summary>How far a plan's search has come: capacity searches done out of those planned so far, and the stage.</summary>
/// <param name="Done">Capacity searches done.</param>
/// <param name="Total">Capacity searches planned so far; it grows as the search decides its next step.</param>
/// <param name="Stage">What the planner is doing, e.g. "greedy step 2: 7 moves".</param>
public sealed record PlanProgress(int Done, int Total, string Stage);
