namespace CorridorSim.Corridor;

/// <summary>A scenario: a corridor definition plus how to simulate it and what to calibrate against.</summary>
public sealed record Scenario
{
    /// <summary>Scenario name.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario represents.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The reported volume series the scenario's tons stand for, free text; empty when unstated.</summary>
    public string Metric { get; init; } = string.Empty;

    /// <summary>The sources cited (DOMAIN.md ids → titles), for the record.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>Simulation settings.</summary>
    public required SimulationSettings Simulation { get; init; }

    /// <summary>Calibration targets, or null.</summary>
    public CalibrationTarget? Calibration { get; init; }

    /// <summary>The uncertain inputs and the study design, or null when the inputs are taken as known.</summary>
    public UncertaintyDefinition? Uncertainty { get; init; }

    /// <summary>The capacity-planning question (candidate investments and what a plan must achieve), or null.</summary>
    public PlanDefinition? Plan { get; init; }

    /// <summary>The corridor.</summary>
    public required CorridorDefinition Corridor { get; init; }
}
