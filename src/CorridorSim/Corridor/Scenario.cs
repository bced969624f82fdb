namespace CorridorSim.Corridor;

/// <summary>How a scenario is simulated: the years, the warm-up, replications, seed and the throughput target.</summary>
public sealed record SimulationSettings
{
    /// <summary>First calendar year reported.</summary>
    public required int StartYear { get; init; }

    /// <summary>Number of consecutive years simulated and reported (1..50).</summary>
    public int Years { get; init; } = 1;

    /// <summary>Days simulated before 1 January of <see cref="StartYear"/> and discarded (0..3650).</summary>
    public double WarmupDays { get; init; } = 60;

    /// <summary>Independent replications (1..10000).</summary>
    public int Replications { get; init; } = 20;

    /// <summary>Master seed; replication i of a seed always draws the same random streams.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The throughput target in tons per year (the Middle Corridor's 10 Mt [S58][S7]).</summary>
    public double TargetTons { get; init; } = 10_000_000;

    /// <summary>The probability with which the target must be met for a year to count as "target met" (0..1].</summary>
    public double TargetProbability { get; init; } = 0.9;
}

/// <summary>Reported figures a scenario is calibrated against; the run prints its error against them.</summary>
public sealed record CalibrationTarget
{
    /// <summary>The calendar year the figures refer to.</summary>
    public required int Year { get; init; }

    /// <summary>Reported tons delivered in that year (e.g. 4.484 Mt TITR 2024, KZ Ministry of Transport [S249]).</summary>
    public required double ReportedTons { get; init; }

    /// <summary>Allowed relative error of the simulated mean, e.g. 0.10 for ±10 %.</summary>
    public double Tolerance { get; init; } = 0.10;

    /// <summary>Where the reported tons come from (a DOMAIN.md source id).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The flow whose mean transit time is checked (null: none).</summary>
    public string? TransitFlow { get; init; }

    /// <summary>Lowest reported transit of that flow, in days.</summary>
    public double TransitDaysMin { get; init; }

    /// <summary>Highest reported transit of that flow, in days.</summary>
    public double TransitDaysMax { get; init; }

    /// <summary>Where the reported transit comes from.</summary>
    public string TransitSource { get; init; } = string.Empty;
}

/// <summary>A scenario: a corridor definition plus how to simulate it and what to calibrate against.</summary>
public sealed record Scenario
{
    /// <summary>Scenario name.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario represents.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The sources cited (DOMAIN.md ids → titles), for the record.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>Simulation settings.</summary>
    public required SimulationSettings Simulation { get; init; }

    /// <summary>Calibration targets, or null.</summary>
    public CalibrationTarget? Calibration { get; init; }

    /// <summary>The corridor.</summary>
    public required CorridorDefinition Corridor { get; init; }
}
