using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>The projection compared with a scenario's <see cref="CalibrationTarget"/>.</summary>
public sealed record CalibrationResult
{
    /// <summary>The calendar year compared.</summary>
    public required int Year { get; init; }

    /// <summary>Reported tons delivered in that year.</summary>
    public required double ReportedTons { get; init; }

    /// <summary>Mean simulated tons delivered in that year.</summary>
    public required double SimulatedTons { get; init; }

    /// <summary>(simulated − reported) / reported.</summary>
    public required double RelativeError { get; init; }

    /// <summary>Allowed absolute relative error.</summary>
    public required double Tolerance { get; init; }

    /// <summary>Whether |<see cref="RelativeError"/>| ≤ <see cref="Tolerance"/>.</summary>
    public required bool WithinTolerance { get; init; }

    /// <summary>Where the reported tons come from.</summary>
    public required string Source { get; init; }

    /// <summary>The transit check; null when the target names no transit flow.</summary>
    public TransitCalibration? Transit { get; init; }

    /// <summary>The backtest: each simulated year of <see cref="CalibrationTarget.ReportedTonsByYear"/>, in year order; empty when none.</summary>
    public IReadOnlyList<BacktestYear> Backtest { get; init; } = [];

    /// <summary>Where the stated capacities of <see cref="BacktestYear.StatedCapacityTons"/> come from.</summary>
    public string StatedCapacitySource { get; init; } = string.Empty;
}
