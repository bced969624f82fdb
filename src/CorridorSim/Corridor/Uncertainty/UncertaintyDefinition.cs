namespace CorridorSim.Corridor;

/// <summary>
/// A scenario's uncertainty: the inputs it is unsure about and the study design that samples them (how many samples,
/// the replications per sample, the space-filling design), and how the study's answers are defined.
/// </summary>
public sealed record UncertaintyDefinition
{
    /// <summary>The most samples a study takes.</summary>
    public const int MaxSamples = 100_000;

    /// <summary>Samples drawn, 1..<see cref="MaxSamples"/> (with <see cref="SampleDesign.Saltelli"/>, base samples).</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Replications simulated per sample, 1..1000: with 2 or more the variance splits into epistemic and aleatory.</summary>
    public int Replications { get; init; } = 1;

    /// <summary>How samples are spread over the inputs.</summary>
    public SampleDesign Design { get; init; } = SampleDesign.LatinHypercube;

    /// <summary>A year counts as the first year a target is met when it and the next years, this many in all, meet it (1..20).</summary>
    public int ConsecutiveYears { get; init; } = 1;

    /// <summary>The year whose capacity and delivered tons the sensitivity analysis explains; 0: the last simulated year.</summary>
    public int SensitivityYear { get; init; }

    /// <summary>The year by which a missed target is examined by scenario discovery; 0: <see cref="SensitivityYear"/>.</summary>
    public int DiscoveryYear { get; init; }

    /// <summary>The uncertain inputs, applied to each sample's scenario in this order.</summary>
    public IReadOnlyList<UncertainInput> Inputs { get; init; } = [];
}
