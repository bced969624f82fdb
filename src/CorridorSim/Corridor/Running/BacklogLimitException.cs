using System.Globalization;

namespace CorridorSim.Corridor;

/// <summary>
/// Thrown by <see cref="CorridorRun.RunYear"/> (or <see cref="CorridorModel.CreateRun"/>, during the warm-up) when a
/// replication holds more tons than <see cref="SimulationSettings.MaxTonsInSystem"/>: the corridor cannot carry its
/// demand, and simulating an ever-growing backlog unit by unit would only run out of memory.
/// </summary>
public sealed class BacklogLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BacklogLimitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public BacklogLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public BacklogLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal BacklogLimitException(string component, int year, double tonsInSystem, double componentTons, double limitTons)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"The run stopped in {year}: the corridor holds {tonsInSystem:0} t (queued, in transit, aboard), more than simulation.maxTonsInSystem ({limitTons:0} t); '{component}' holds the most, {componentTons:0} t. The corridor cannot carry the demand: add capacity at '{component}', lower the demand, or raise maxTonsInSystem."))
    {
        Component = component;
        Year = year;
        TonsInSystem = tonsInSystem;
        LimitTons = limitTons;
    }

    /// <summary>The component holding the most tons when the run stopped.</summary>
    public string? Component { get; }

    /// <summary>The calendar year in which the run stopped.</summary>
    public int Year { get; }

    /// <summary>The tons held in the corridor when the run stopped.</summary>
    public double TonsInSystem { get; }

    /// <summary>The limit passed, in tons.</summary>
    public double LimitTons { get; }
}
