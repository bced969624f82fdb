namespace CorridorSim.Engine;

/// <summary>Thrown at a process's pending await when another component interrupts it.</summary>
public class ProcessInterruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProcessInterruptedException()
        : this("process", (object?)null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcessInterruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public ProcessInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for process <paramref name="processName"/> with a cause.</summary>
    public ProcessInterruptedException(string processName, object? cause)
        : base($"Process '{processName}' was interrupted" + (cause is null ? "." : $": {cause}."))
    {
        Cause = cause;
    }

    /// <summary>What the interrupter gave as the reason (for example a storm), or null.</summary>
    public object? Cause { get; }
}
