using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// One input a study is unsure about: a distribution and what it changes. Each sample draws one value per input;
/// the inputs are applied to the scenario in the order listed.
/// </summary>
public sealed record UncertainInput
{
    /// <summary>The input's name, unique in the study: it names the input in reports and seeds its draws.</summary>
    public required string Name { get; init; }

    /// <summary>What the drawn value changes.</summary>
    public required UncertainInputKind Kind { get; init; }

    /// <summary>The distribution of the drawn value (every kind but <see cref="UncertainInputKind.InvestmentDelay"/>, which uses <see cref="DelayYears"/>).</summary>
    public Distribution? Distribution { get; init; }

    /// <summary>Demand inputs: the flows changed, by id; with <see cref="Commodities"/> also empty, every flow.</summary>
    public IReadOnlyList<string> Flows { get; init; } = [];

    /// <summary>Demand inputs: the commodities whose flows are changed.</summary>
    public IReadOnlyList<string> Commodities { get; init; } = [];

    /// <summary>
    /// <see cref="UncertainInputKind.DemandGrowth"/>: the last year whose demand is kept (the growth applies after it);
    /// <see cref="UncertainInputKind.SeaLevelFall"/>: the year the fall starts to count. 0: the first simulated year.
    /// </summary>
    public int FromYear { get; init; }

    /// <summary><see cref="UncertainInputKind.InvestmentDelay"/>: the investments delayed, by name (one draw delays them all, as stages of one project).</summary>
    public IReadOnlyList<string> Investments { get; init; } = [];

    /// <summary><see cref="UncertainInputKind.InvestmentDelay"/>: the probability the investments come on time, 0..1.</summary>
    public double OnTimeProbability { get; init; }

    /// <summary><see cref="UncertainInputKind.InvestmentDelay"/>: the delay in years when they are late, truncated at <see cref="MaxDelayYears"/>.</summary>
    public Distribution? DelayYears { get; init; }

    /// <summary><see cref="UncertainInputKind.InvestmentDelay"/>: the longest delay, in years.</summary>
    public double MaxDelayYears { get; init; } = 12;

    /// <summary><see cref="UncertainInputKind.Parameter"/>: the parameter's path, in the sweep's forms (e.g. <c>ports[port:sangachal].berths</c>).</summary>
    public string? Path { get; init; }

    /// <summary>Storm inputs: the ports changed, by id; empty: every port with storms.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    /// <summary>
    /// <see cref="UncertainInputKind.SeaLevelFall"/>: how much a vessel leg's load factor falls per cm of level fall
    /// (default 0.0013: 0.03 a year at 22.5 cm a year, DOMAIN.md P28).
    /// </summary>
    public double LoadFactorPerCm { get; init; } = 0.0013;

    /// <summary>Where the distribution comes from: a DOMAIN.md source id, or E for an estimate with its basis.</summary>
    public string Source { get; init; } = string.Empty;
}
