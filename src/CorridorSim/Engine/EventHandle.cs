namespace CorridorSim.Engine;

/// <summary>
/// A handle to a scheduled event, used to cancel it. The default value refers to no event.
/// </summary>
public readonly struct EventHandle : IEquatable<EventHandle>
{
    internal EventHandle(long time, long sequence)
    {
        Time = SimTime.FromTicksUnchecked(time); // the calendar never holds a negative time
        Sequence = sequence;
    }

    /// <summary>When the event is due.</summary>
    public SimTime Time { get; }

    /// <summary>The event's insertion sequence number (1 for the first event scheduled); 0 for the default handle.</summary>
    public long Sequence { get; }

    /// <inheritdoc />
    public bool Equals(EventHandle other) => Sequence == other.Sequence && Time == other.Time;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EventHandle other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Sequence.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(EventHandle a, EventHandle b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(EventHandle a, EventHandle b) => !a.Equals(b);
}
