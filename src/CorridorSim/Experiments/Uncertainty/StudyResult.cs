using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// What an uncertainty study found: per year the fan of demand, delivered tons and service capacity across samples
/// and the probability each meets the target; the distribution of the first year each is met; which inputs drive
/// the answers; the epistemic share of the variance; and the input region where the target is missed.
/// </summary>
public sealed record StudyResult
{
    /// <summary>The projection summary pooled over every (sample, replication) row, its capacity section over every search.</summary>
    public required ProjectionResult Projection { get; init; }

    /// <summary>The samples simulated (with <see cref="SampleDesign.Saltelli"/>, base samples × (inputs + 2)).</summary>
    public required int Samples { get; init; }

    /// <summary>Replications simulated per sample.</summary>
    public required int ReplicationsPerSample { get; init; }

    /// <summary>The design the samples came from.</summary>
    public required SampleDesign Design { get; init; }

    /// <summary>The uncertain inputs, as the scenario states them.</summary>
    public required IReadOnlyList<UncertainInput> Inputs { get; init; }

    /// <summary>How many consecutive years must meet the target for the first of them to count as the first year met.</summary>
    public required int ConsecutiveYears { get; init; }

    /// <summary>Per simulated year, in order.</summary>
    public required IReadOnlyList<StudyYear> Years { get; init; }

    /// <summary>The first year delivered tons meet the target, across samples.</summary>
    public required FirstYearDistribution FirstYearDelivered { get; init; }

    /// <summary>The first year the service capacity meets the target, across samples; null without capacity.</summary>
    public FirstYearDistribution? FirstYearCapacity { get; init; }

    /// <summary>Which inputs drive each explained output (capacity and delivered tons in the sensitivity year, the first year met).</summary>
    public required IReadOnlyList<SensitivityTable> Sensitivity { get; init; }

    /// <summary>The split of each output's variance in the sensitivity year into epistemic and aleatory; empty with one replication per sample.</summary>
    public required IReadOnlyList<VarianceSplit> Variance { get; init; }

    /// <summary>The input region where the target is missed in the discovery year.</summary>
    public required DiscoveryResult Discovery { get; init; }

    /// <summary>Each sample's input values and per-year results, in sample order.</summary>
    public required IReadOnlyList<StudySample> SampleResults { get; init; }

    /// <summary>Simulated corridor-years, projection rows and capacity probes together.</summary>
    public required long SimulatedYears { get; init; }
}

/// <summary>One year of a study.</summary>
public sealed record StudyYear
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>Demand (tons generated) across samples.</summary>
    public required Fan DemandTons { get; init; }

    /// <summary>Delivered tons across samples (each sample's mean over its replications).</summary>
    public required Fan DeliveredTons { get; init; }

    /// <summary>Service capacity across samples; null without capacity.</summary>
    public Fan? ServiceCapacityTons { get; init; }

    /// <summary>The probability, over the stated uncertainty, that delivered tons reach the target.</summary>
    public required Probability DeliveredMeetsTarget { get; init; }

    /// <summary>The probability that the service capacity reaches the target; null without capacity.</summary>
    public Probability? CapacityMeetsTarget { get; init; }
}

/// <summary>Percentiles of a quantity across samples (Hyndman–Fan type 7).</summary>
public sealed record Fan
{
    /// <summary>5th percentile.</summary>
    public required double P5 { get; init; }

    /// <summary>25th percentile.</summary>
    public required double P25 { get; init; }

    /// <summary>Median.</summary>
    public required double P50 { get; init; }

    /// <summary>75th percentile.</summary>
    public required double P75 { get; init; }

    /// <summary>95th percentile.</summary>
    public required double P95 { get; init; }
}

/// <summary>A probability estimated as the share of samples that meet a condition, with its Wilson 95 % interval.</summary>
public sealed record Probability
{
    /// <summary>The share, 0..1.</summary>
    public required double Value { get; init; }

    /// <summary>Lower end of the Wilson score 95 % interval.</summary>
    public required double Low { get; init; }

    /// <summary>Upper end of the Wilson score 95 % interval.</summary>
    public required double High { get; init; }

    /// <summary>Samples meeting the condition.</summary>
    public required int Successes { get; init; }

    /// <summary>Samples in all.</summary>
    public required int Trials { get; init; }
}

/// <summary>The distribution across samples of the first year a target is met (null years: not met by the horizon).</summary>
public sealed record FirstYearDistribution
{
    /// <summary>The year by which 10 % of samples have met the target; null if fewer do by the horizon.</summary>
    public int? P10 { get; init; }

    /// <summary>The year by which half the samples have met it; null if fewer do by the horizon.</summary>
    public int? P50 { get; init; }

    /// <summary>The year by which 90 % have met it; null if fewer do by the horizon.</summary>
    public int? P90 { get; init; }

    /// <summary>The share of samples that never meet it by the last simulated year.</summary>
    public required double ShareNever { get; init; }

    /// <summary>Samples whose first year met is each simulated year, in year order.</summary>
    public required IReadOnlyList<int> Counts { get; init; }
}

/// <summary>How much each input drives one output.</summary>
public sealed record SensitivityTable
{
    /// <summary>The output explained, e.g. <c>serviceCapacityTons</c>, <c>deliveredTons</c>, <c>firstYearCapacityMet</c>.</summary>
    public required string Output { get; init; }

    /// <summary>The year of the output (the sensitivity year; for a first year met, the horizon).</summary>
    public required int Year { get; init; }

    /// <summary><c>sobol</c> (first-order and total indices, Saltelli design) or <c>srrc</c> (standardised rank regression coefficients).</summary>
    public required string Method { get; init; }

    /// <summary>Why this method (and, where none could be computed, why not).</summary>
    public required string Note { get; init; }

    /// <summary>The R² of the rank regression (NaN for Sobol indices).</summary>
    public required double RSquared { get; init; }

    /// <summary>Per input, in the inputs' order; empty when none could be computed.</summary>
    public required IReadOnlyList<InputSensitivity> Indices { get; init; }
}

/// <summary>One input's sensitivity index, with its bootstrap 95 % interval.</summary>
public sealed record InputSensitivity
{
    /// <summary>The input's name.</summary>
    public required string Input { get; init; }

    /// <summary>The index: the SRRC, or the first-order Sobol index.</summary>
    public required double Value { get; init; }

    /// <summary>Lower end of the bootstrap interval.</summary>
    public required double Low { get; init; }

    /// <summary>Upper end of the bootstrap interval.</summary>
    public required double High { get; init; }

    /// <summary>The total Sobol index (NaN for SRRC).</summary>
    public required double Total { get; init; }

    /// <summary>Lower end of the total index's interval (NaN for SRRC).</summary>
    public required double TotalLow { get; init; }

    /// <summary>Upper end of the total index's interval (NaN for SRRC).</summary>
    public required double TotalHigh { get; init; }
}

/// <summary>An output's variance across samples and replications split by the law of total variance.</summary>
public sealed record VarianceSplit
{
    /// <summary>The output, e.g. <c>deliveredTons</c>.</summary>
    public required string Output { get; init; }

    /// <summary>The year.</summary>
    public required int Year { get; init; }

    /// <summary>Total variance (epistemic + aleatory), tons².</summary>
    public required double Total { get; init; }

    /// <summary>Between samples: the variance of sample means less the share the replications' noise puts there.</summary>
    public required double Epistemic { get; init; }

    /// <summary>Within samples: the mean of the samples' replication variances.</summary>
    public required double Aleatory { get; init; }

    /// <summary>Epistemic / total.</summary>
    public required double EpistemicShare { get; init; }
}

/// <summary>Scenario discovery: a PRIM box over the inputs where the target is missed in a year.</summary>
public sealed record DiscoveryResult
{
    /// <summary>The year examined.</summary>
    public required int Year { get; init; }

    /// <summary>The output tested against the target (<c>serviceCapacityTons</c>, or <c>deliveredTons</c> without capacity).</summary>
    public required string Output { get; init; }

    /// <summary>Samples that miss the target in the year.</summary>
    public required int Misses { get; init; }

    /// <summary>The restricted inputs of the box; empty when no box was found (see <see cref="Note"/>).</summary>
    public required IReadOnlyList<BoxLimit> Limits { get; init; }

    /// <summary>Share of the misses inside the box.</summary>
    public required double Coverage { get; init; }

    /// <summary>Share of the samples inside the box that miss.</summary>
    public required double Density { get; init; }

    /// <summary>Samples inside the box.</summary>
    public required int Support { get; init; }

    /// <summary>The box in words, or why there is none.</summary>
    public required string Note { get; init; }
}

/// <summary>One restricted input of a discovery box (an infinite end is open).</summary>
public sealed record BoxLimit
{
    /// <summary>The input's name.</summary>
    public required string Input { get; init; }

    /// <summary>Lowest value in the box (−∞: open).</summary>
    public required double Low { get; init; }

    /// <summary>Highest value in the box (+∞: open).</summary>
    public required double High { get; init; }
}

/// <summary>One sample of a study: its input values and results.</summary>
public sealed record StudySample
{
    /// <summary>The sample's index.</summary>
    public required int Index { get; init; }

    /// <summary>Each input's value, in the inputs' order.</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>Per simulated year, in order.</summary>
    public required IReadOnlyList<StudySampleYear> Years { get; init; }
}

/// <summary>One sample's results in one year, each the mean over the sample's replications.</summary>
public sealed record StudySampleYear
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>Tons generated.</summary>
    public required double DemandTons { get; init; }

    /// <summary>Tons delivered.</summary>
    public required double DeliveredTons { get; init; }

    /// <summary>Service capacity in tons a year (NaN without capacity or demand).</summary>
    public required double ServiceCapacityTons { get; init; }
}
