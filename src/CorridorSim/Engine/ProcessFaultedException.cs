namespace CorridorSim.Engine;

/// <summary>Thrown by <see cref="Simulation.Run()"/> when a process ended with an unhandled exception.</summary>
public sealed class ProcessFaultedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProcessFaultedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcessFaultedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public ProcessFaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ProcessFaultedException(string processName, SimTime time, Exception inner)
        : base($"Process '{processName}' failed at {time}: {inner.Message}", inner)
    {
        ProcessName = processName;
    }

    /// <summary>The name of the process that failed.</summary>
    public string? ProcessName { get; }
}
