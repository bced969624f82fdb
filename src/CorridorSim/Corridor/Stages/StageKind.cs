namespace CorridorSim.Corridor;

/// <summary>The kind of a train-handling stage.</summary>
public enum StageKind
{
    /// <summary>A rail segment: line capacity in trains/day, running time.</summary>
    Rail,

    /// <summary>A border crossing: processing capacity in trains/day, dwell time.</summary>
    Border,

    /// <summary>A gauge-change transshipment point (1435 ↔ 1520 mm): capacity in trains/day, dwell time.</summary>
    Transshipment,

    /// <summary>A rail terminal: capacity in trains/day, dwell time.</summary>
    Terminal,
}
