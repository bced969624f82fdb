namespace CorridorSim.Corridor;

/// <summary>
/// Receives the event log of one corridor run: every unit's, train's, vessel voyage's and truck's arrivals, queues,
/// moves and departures, diversions and port closures. Attach it with
/// <see cref="Experiments.ProjectionOptions.EventSink"/>; a run without a sink logs nothing and pays one null check
/// per event.
/// </summary>
public interface ICorridorEventSink
{
    /// <summary>
    /// Records one event. Called on the run's own thread, in simulated-time order (events at the same instant in the
    /// order they happen), from the start of the warm-up; the record's strings are shared, not copied.
    /// </summary>
    /// <param name="record">What happened, to what, where and when.</param>
    void Record(in CorridorEventRecord record);

    /// <summary>Called once, before the first event, with the calendar date of simulated time zero (the warm-up's start, UTC).</summary>
    /// <param name="startDate">The calendar date of <see cref="Engine.SimTime.Zero"/>.</param>
    void Started(DateTime startDate);
}
