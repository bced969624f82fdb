namespace CorridorSim.Experiments;

/// <summary>One component in one simulated year (the values of <see cref="Corridor.ComponentKpi"/> that analyses use).</summary>
/// <param name="Id">Component id.</param>
/// <param name="Kind">Component kind.</param>
/// <param name="Utilization">Share of capacity used, 0..1.</param>
/// <param name="MeanWaitHours">Mean wait, in hours.</param>
/// <param name="P95WaitHours">95th percentile wait, in hours.</param>
/// <param name="TonsThrough">Tons that left the component.</param>
/// <param name="MeanQueue">Time-average units waiting.</param>
internal sealed record ComponentRecord(string Id, string Kind, double Utilization, double MeanWaitHours, double P95WaitHours, double TonsThrough, double MeanQueue)
{
    /// <summary>How the component's capacity-time was spent (plain shares; <see cref="Corridor.ComponentTimeStates"/>).</summary>
    public Corridor.ComponentTimeStates TimeStates { get; init; } = Corridor.ComponentTimeStates.AllIdle;
}
