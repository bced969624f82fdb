namespace CorridorSim.Corridor;

/// <summary>Whether a flow's units divert when they wait too long at their first component.</summary>
public enum DiversionMode
{
    /// <summary>A unit that waited more than <see cref="DiversionRule.AfterDays"/> leaves for <see cref="DiversionRule.To"/>.</summary>
    AfterDays,

    /// <summary>Units never divert; queues may grow without bound in saturated years.</summary>
    Off,
}
