namespace CorridorSim.Experiments;

/// <summary>
/// One candidate plan evaluated on a set of samples: its cost, the probability it reaches the target in every
/// checked year with a 95 % Wilson interval, its capacity and shortfall, and its regret against the plans compared.
/// A plan's capacity in a sample is its least service capacity over the checked years.
/// </summary>
public sealed record PlanEvaluation
{
    /// <summary>The candidates the plan holds, by name, in menu order; empty: no investment beyond the scenario's.</summary>
    public required IReadOnlyList<string> Candidates { get; init; }

    /// <summary>Nominal capex in USD: the sum of the candidates' <c>capexUsd</c>.</summary>
    public required double CapexUsd { get; init; }

    /// <summary>Expected discounted cost in USD: each capex times one plus its mean overrun, discounted to its start.</summary>
    public required double CostUsd { get; init; }

    /// <summary>The share of samples in which the service capacity reaches the target in every checked year.</summary>
    public required double Probability { get; init; }

    /// <summary>The lower end of the 95 % Wilson interval of <see cref="Probability"/>.</summary>
    public required double ProbabilityLow { get; init; }

    /// <summary>The upper end of the 95 % Wilson interval of <see cref="Probability"/>.</summary>
    public required double ProbabilityHigh { get; init; }

    /// <summary>The samples evaluated.</summary>
    public required int Samples { get; init; }

    /// <summary>The mean across samples of the plan's capacity (its least service capacity over the checked years), tons a year.</summary>
    public required double MeanCapacityTons { get; init; }

    /// <summary>The mean across samples of the shortfall: the target minus the service capacity, summed over the checked years where short.</summary>
    public required double MeanShortfallTons { get; init; }

    /// <summary>
    /// The mean across samples of the regret: in each sample, the best capacity of the plans compared minus this
    /// plan's (NaN where no comparison was made, e.g. on the confirmation samples).
    /// </summary>
    public double MeanRegretTons { get; init; } = double.NaN;

    /// <summary>The largest regret in any sample (NaN where no comparison was made).</summary>
    public double MaxRegretTons { get; init; } = double.NaN;

    /// <summary>Whether the plan is on the cost–probability curve: no cheaper plan evaluated is as likely to reach the target.</summary>
    public bool OnCurve { get; init; }
}
