namespace CorridorSim.Engine;

/// <summary>One pending event: when, in which scheduling order, and what to run.</summary>
internal struct CalendarEntry
{
    public long Time;
    public long Sequence;
    public Action<Simulation, object?> Handler;
    public object? State;
}
