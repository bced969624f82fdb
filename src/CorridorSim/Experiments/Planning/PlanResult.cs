using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// The answer of <see cref="Planner.Run"/>: the chosen plan, its items, its probability on fresh samples, the
/// cost–probability curve of the plans evaluated, the search's steps, and a projection of the corridor with the
/// chosen plan completed on its promised dates.
/// </summary>
public sealed record PlanResult
{
    /// <summary>The scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The target, tons a year.</summary>
    public required double TargetTons { get; init; }

    /// <summary>The first year checked (the plan's target year).</summary>
    public required int TargetYear { get; init; }

    /// <summary>The last year checked (the target year, or the plan's throughYear).</summary>
    public required int ThroughYear { get; init; }

    /// <summary>The probability a plan must reach the target with.</summary>
    public required double RequiredProbability { get; init; }

    /// <summary>What the search optimised.</summary>
    public required PlanObjective Objective { get; init; }

    /// <summary>How the plans were searched.</summary>
    public required PlanSearch Search { get; init; }

    /// <summary>The budget in expected discounted USD; 0: none.</summary>
    public required double BudgetUsd { get; init; }

    /// <summary>The discount rate a year.</summary>
    public required double DiscountRate { get; init; }

    /// <summary>
    /// Whether the chosen plan reaches the required probability on the search's samples (with objective
    /// <see cref="PlanObjective.MaximumProbability"/>: whether the most likely plan within the budget does).
    /// </summary>
    public required bool Reached { get; init; }

    /// <summary>Why no plan reaches the target, in a sentence, when <see cref="Reached"/> is false; null otherwise.</summary>
    public string? NotReachedReason { get; init; }

    /// <summary>The scenario's corridor without any candidate, on the search's samples.</summary>
    public required PlanEvaluation Baseline { get; init; }

    /// <summary>
    /// The chosen plan on the search's samples: the cheapest that reaches the probability, or, when none does or with
    /// objective <see cref="PlanObjective.MaximumProbability"/>, the most likely within the budget (the cheaper on ties).
    /// </summary>
    public required PlanEvaluation Chosen { get; init; }

    /// <summary>The chosen plan on fresh samples (its own seed and replications): the probability to quote, with its interval.</summary>
    public required PlanEvaluation Confirmed { get; init; }

    /// <summary>The chosen plan's investments, in menu order.</summary>
    public required IReadOnlyList<PlanItem> Items { get; init; }

    /// <summary>The cost–probability curve: the plans evaluated that no cheaper plan matches in probability, by cost, with their regret against each other and the chosen plan.</summary>
    public required IReadOnlyList<PlanEvaluation> Curve { get; init; }

    /// <summary>Every plan evaluated on the search's samples, in the order first evaluated.</summary>
    public required IReadOnlyList<PlanEvaluation> Evaluated { get; init; }

    /// <summary>The search's steps, in order.</summary>
    public required IReadOnlyList<PlanStep> Steps { get; init; }

    /// <summary>Samples the plans were compared on.</summary>
    public required int Samples { get; init; }

    /// <summary>Fresh samples the chosen plan was confirmed on.</summary>
    public required int ConfirmSamples { get; init; }

    /// <summary>Probe years simulated by the capacity searches, in all (each a corridor-year after its warm-up).</summary>
    public required long SearchYears { get; init; }

    /// <summary>Corridor-years simulated to decide when triggered candidates start (one run per plan and sample with a trigger).</summary>
    public required long TriggerYears { get; init; }

    /// <summary>Corridor-years simulated in all: <see cref="SearchYears"/>, <see cref="TriggerYears"/> and the projection's replications × years.</summary>
    public required long SimulatedYears { get; init; }

    /// <summary>The scenario with the chosen plan completed on its promised dates, projected over its years and replications.</summary>
    public required ProjectionResult Projection { get; init; }
}
