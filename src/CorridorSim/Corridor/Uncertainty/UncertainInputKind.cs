namespace CorridorSim.Corridor;

/// <summary>What an uncertain input changes in each sample of a study.</summary>
public enum UncertainInputKind
{
    /// <summary>Multiplies the demand of the flows it names (every year) by the drawn factor.</summary>
    DemandLevel,

    /// <summary>Replaces the demand growth of the flows it names after <see cref="UncertainInput.FromYear"/> by the drawn rate a year.</summary>
    DemandGrowth,

    /// <summary>Delays the investments it names by the drawn years (0 with probability <see cref="UncertainInput.OnTimeProbability"/>).</summary>
    InvestmentDelay,

    /// <summary>Sets the scenario parameter at <see cref="UncertainInput.Path"/> to the drawn value.</summary>
    Parameter,

    /// <summary>Multiplies the storm episodes per month of the ports it names by the drawn factor.</summary>
    StormRate,

    /// <summary>Multiplies the storm durations of the ports it names by the drawn factor.</summary>
    StormDuration,

    /// <summary>The Caspian's fall in cm a year, which lowers every vessel leg's load factor by <see cref="UncertainInput.LoadFactorPerCm"/> per cm a year.</summary>
    SeaLevelFall,
}
