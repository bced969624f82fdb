namespace CorridorSim.Corridor;

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

    /// <summary>Reported tons delivered by calendar year, for a backtest over several simulated years; empty: none.</summary>
    public IReadOnlyDictionary<int, double> ReportedTonsByYear { get; init; } = new Dictionary<int, double>();

    /// <summary>Stated whole-route capacity in tons a year by calendar year, shown beside a capacity run's service capacity; empty: none.</summary>
    public IReadOnlyDictionary<int, double> StatedCapacityTonsByYear { get; init; } = new Dictionary<int, double>();

    /// <summary>Where the stated capacities come from.</summary>
    public string StatedCapacitySource { get; init; } = string.Empty;
}
