namespace CorridorSim.Engine;

/// <summary>Thrown at a resource holder's pending await when a higher-priority request preempts its unit.</summary>
public sealed class PreemptedException : ProcessInterruptedException
{
    /// <summary>Creates the exception.</summary>
    public PreemptedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PreemptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public PreemptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PreemptedException(string processName, Resource resource)
        : base(processName, (object)$"preempted from resource '{resource.Name}'")
    {
        Resource = resource;
    }

    /// <summary>The resource whose unit was taken.</summary>
    public Resource? Resource { get; }
}
