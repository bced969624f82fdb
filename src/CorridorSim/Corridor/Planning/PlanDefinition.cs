namespace CorridorSim.Corridor;

/// <summary>
/// A scenario's capacity-planning question, for <c>corridorsim plan</c>: a menu of candidate investments with their
/// capex, lead times and slippage, and what a plan must achieve — P(service capacity ≥ target in
/// <see cref="TargetYear"/>) ≥ <see cref="Probability"/>, at least cost or, with <see cref="PlanObjective.MaximumProbability"/>,
/// as likely as the budget allows.
/// </summary>
public sealed record PlanDefinition
{
    /// <summary>The most candidates a menu may hold.</summary>
    public const int MaxCandidates = 40;

    /// <summary>The most candidates <see cref="PlanSearch.Exhaustive"/> enumerates (2^n plans).</summary>
    public const int MaxExhaustive = 10;

    /// <summary>The year whose service capacity must reach the scenario's target; a simulated year.</summary>
    public int TargetYear { get; init; }

    /// <summary>A later simulated year up to which every year must also reach it; 0 (the default): the target year only.</summary>
    public int ThroughYear { get; init; }

    /// <summary>The probability, across samples, with which the plan must reach the target, in (0, 1] (default 0.8).</summary>
    public double Probability { get; init; } = 0.8;

    /// <summary>What the search optimises.</summary>
    public PlanObjective Objective { get; init; } = PlanObjective.MinimumCost;

    /// <summary>How candidate plans are searched.</summary>
    public PlanSearch Search { get; init; } = PlanSearch.Greedy;

    /// <summary>The most a plan may cost, in expected discounted USD; 0 (the default): no cap. Required with <see cref="PlanObjective.MaximumProbability"/>.</summary>
    public double BudgetUsd { get; init; }

    /// <summary>The yearly rate capex is discounted at, from 1 January of the first simulated year to each candidate's start (default 0).</summary>
    public double DiscountRate { get; init; }

    /// <summary>Samples every candidate plan is evaluated on, common to all plans (default 20).</summary>
    public int Samples { get; init; } = 20;

    /// <summary>Fresh samples the chosen plan is confirmed on (default 40).</summary>
    public int ConfirmSamples { get; init; } = 40;

    /// <summary>Named completion-slippage priors candidates refer to by <see cref="PlanCandidate.Class"/>.</summary>
    public IReadOnlyList<ProjectClass> Classes { get; init; } = [];

    /// <summary>The menu: the candidate investments.</summary>
    public IReadOnlyList<PlanCandidate> Candidates { get; init; } = [];
}

/// <summary>What the planner optimises.</summary>
public enum PlanObjective
{
    /// <summary>The least expected capex whose plan reaches the target with the stated probability (within the budget, if any).</summary>
    MinimumCost,

    /// <summary>The highest probability of reaching the target within the budget.</summary>
    MaximumProbability,
}

/// <summary>How the planner searches the menu.</summary>
public enum PlanSearch
{
    /// <summary>Add the move with the most shortfall removed per dollar, then try removing and swapping each item.</summary>
    Greedy,

    /// <summary>Evaluate every admissible plan (menus of at most <see cref="PlanDefinition.MaxExhaustive"/> candidates).</summary>
    Exhaustive,
}
