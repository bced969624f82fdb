using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>The transit part of a calibration check: a flow's simulated mean transit against a reported range.</summary>
public sealed record TransitCalibration
{
    /// <summary>The flow checked (<see cref="CalibrationTarget.TransitFlow"/>).</summary>
    public required string Flow { get; init; }

    /// <summary>Mean across replications of the flow's mean transit in the calibration year, in days; NaN if nothing of it was delivered.</summary>
    public required double SimulatedMeanDays { get; init; }

    /// <summary>Lowest reported transit, in days.</summary>
    public required double MinDays { get; init; }

    /// <summary>Highest reported transit, in days.</summary>
    public required double MaxDays { get; init; }

    /// <summary>Whether <see cref="SimulatedMeanDays"/> lies within [<see cref="MinDays"/>, <see cref="MaxDays"/>].</summary>
    public required bool WithinRange { get; init; }

    /// <summary>Where the reported transit comes from.</summary>
    public required string Source { get; init; }
}
