using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>One component in one year, as means across replications (the per-year table behind components.csv).</summary>
public sealed record ComponentYearSummary
{
    /// <summary>Component id.</summary>
    public required string Id { get; init; }

    /// <summary>Component kind (<see cref="ComponentKpi.Kind"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.Utilization"/> (0..1).</summary>
    public required double Utilization { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.MeanWaitHours"/>, in hours.</summary>
    public required double MeanWaitHours { get; init; }

    /// <summary>Mean of the replications' <see cref="ComponentKpi.P95WaitHours"/>, in hours.</summary>
    public required double P95WaitHours { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.TonsThrough"/>, in tons.</summary>
    public required double TonsThrough { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.MeanQueue"/> (time-average units waiting; vessels for ports).</summary>
    public required double MeanQueue { get; init; }

    /// <summary>Mean <see cref="ComponentKpi.TimeStates"/>, state by state (the means still sum to 1).</summary>
    public ComponentTimeStates TimeStates { get; init; } = ComponentTimeStates.AllIdle;
}
