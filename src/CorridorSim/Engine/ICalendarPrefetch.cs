namespace CorridorSim.Engine;

/// <summary>
/// Tells the event calendar what to prefetch for the events of one handler, without the calendar knowing the type of
/// their state. The calendar compares each event's handler with <see cref="Handler"/> (a delegate already in the
/// cache) and asks the hook only for matching events; for others it prefetches the state object's first lines.
/// </summary>
internal interface ICalendarPrefetch
{
    /// <summary>The handler whose events this hook knows.</summary>
    Action<Simulation, object?> Handler { get; }

    /// <summary>
    /// Starts loading what running an event with <paramref name="state"/> will touch, without reading
    /// <paramref name="state"/> (it is about a window ahead, and a read could stall the loop on a miss).
    /// </summary>
    void PrefetchState(object? state);

    /// <summary>
    /// Starts loading what only <paramref name="state"/> names, for one of the next two events to run; may read
    /// <paramref name="state"/>, which the earlier <see cref="PrefetchState"/> brought into the cache.
    /// </summary>
    void PrefetchNamed(object? state);
}
