namespace CorridorSim.Corridor;

/// <summary>When a loaded vessel leaves.</summary>
public enum DepartureRule
{
    /// <summary>
    /// Leave when full, or when the vessel has waited the maximum wait since it arrived, with whatever is aboard
    /// (possibly nothing, so that a fleet never strands at an end without cargo).
    /// </summary>
    WhenFullOrMaxWait,

    /// <summary>Leave on a fixed timetable with whatever is loaded (possibly empty).</summary>
    Timetable,
}
