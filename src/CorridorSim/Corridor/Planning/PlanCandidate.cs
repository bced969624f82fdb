using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// One investment a plan may make: the changes it brings (dated investments once chosen), its capex and cost
/// overrun, when it can start and how long it takes, how late it may come, and which other candidates it needs or excludes.
/// </summary>
public sealed record PlanCandidate
{
    /// <summary>The candidate's name, unique in the menu: it labels the plan's rows and seeds its draws.</summary>
    public required string Name { get; init; }

    /// <summary>The capital cost in USD as reported (or estimated: say E in <see cref="Source"/>).</summary>
    public double CapexUsd { get; init; }

    /// <summary>The cost overrun as a share of <see cref="CapexUsd"/> (0.45: 45 % over), or null for none.</summary>
    public Distribution? CostOverrun { get; init; }

    /// <summary>The earliest date construction can start; null: 1 January of the first simulated year.</summary>
    public DateTime? EarliestStart { get; init; }

    /// <summary>Years from the start to the promised completion (default 1).</summary>
    public double LeadTimeYears { get; init; } = 1;

    /// <summary>The project class whose slippage prior applies (a name in <see cref="PlanDefinition.Classes"/>); null: the candidate's own.</summary>
    public string? Class { get; init; }

    /// <summary>The probability it completes on time, 0..1 (default 1), unless <see cref="Class"/> gives it.</summary>
    public double OnTimeProbability { get; init; } = 1;

    /// <summary>The delay in years when late, truncated at <see cref="MaxDelayYears"/>, unless <see cref="Class"/> gives it.</summary>
    public Distribution? DelayYears { get; init; }

    /// <summary>The longest delay, in years (default 12).</summary>
    public double MaxDelayYears { get; init; } = 12;

    /// <summary>Candidates that must also be in a plan that has this one.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>Candidates that cannot be in a plan with this one (either way round).</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>
    /// The rule that starts it inside the simulation, or null (the default): it starts at <see cref="EarliestStart"/>.
    /// With a trigger it starts on 1 January after the first simulated year whose occupancy of the trigger's
    /// component exceeds the threshold (not before <see cref="EarliestStart"/>), and costs only where it starts.
    /// </summary>
    public PlanTrigger? Trigger { get; init; }

    /// <summary>The menu entry this candidate was made from: a triggered candidate becomes one entry per threshold, sharing its slippage draws.</summary>
    internal string? Project { get; init; }

    /// <summary>What it changes, as investments without a date (the plan dates them at completion).</summary>
    public IReadOnlyList<InvestmentDefinition> Changes { get; init; } = [];

    /// <summary>Where the capex, lead time and changes come from: DOMAIN.md source ids, or E with its basis.</summary>
    public string Source { get; init; } = string.Empty;
}

/// <summary>A named completion-slippage prior (DOMAIN.md 2.12 gives a reference class by project type).</summary>
public sealed record ProjectClass
{
    /// <summary>The class's name, unique in the section, e.g. "kz-state-rail".</summary>
    public required string Name { get; init; }

    /// <summary>The probability a project of the class completes on time, 0..1.</summary>
    public double OnTimeProbability { get; init; }

    /// <summary>The delay in years when late, truncated at <see cref="MaxDelayYears"/>.</summary>
    public Distribution? DelayYears { get; init; }

    /// <summary>The longest delay, in years (default 12).</summary>
    public double MaxDelayYears { get; init; } = 12;

    /// <summary>Where the prior comes from.</summary>
    public string Source { get; init; } = string.Empty;
}
