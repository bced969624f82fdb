namespace CorridorSim.Experiments;

/// <summary>One backtest year: the reported tons against the simulated mean, and the stated capacity if any.</summary>
public sealed record BacktestYear
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>Reported tons delivered in that year.</summary>
    public required double ReportedTons { get; init; }

    /// <summary>Mean simulated tons delivered in that year.</summary>
    public required double SimulatedTons { get; init; }

    /// <summary>(simulated − reported) / reported.</summary>
    public required double RelativeError { get; init; }

    /// <summary>Whether |<see cref="RelativeError"/>| ≤ the calibration tolerance.</summary>
    public required bool WithinTolerance { get; init; }

    /// <summary>The stated whole-route capacity of that year in tons a year; null when none is stated.</summary>
    public double? StatedCapacityTons { get; init; }
}
