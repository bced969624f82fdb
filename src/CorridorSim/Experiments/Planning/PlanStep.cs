namespace CorridorSim.Experiments;

/// <summary>One step of the search, for the record: what it did and the plan it led to.</summary>
/// <param name="Action">"start", "add", "remove" or "swap" (greedy), or "enumerate" (exhaustive).</param>
/// <param name="Changed">The candidates added, removed or swapped in and out, e.g. "+ferries-4" or "-a +b".</param>
/// <param name="PlansEvaluated">Plans newly evaluated at this step.</param>
/// <param name="Plan">The plan after the step.</param>
public sealed record PlanStep(string Action, string Changed, int PlansEvaluated, PlanEvaluation Plan);
