namespace CorridorSim.Corridor;

/// <summary>
/// When a flow's units give up on the corridor: a unit that has waited more than <see cref="AfterDays"/> in the queue
/// of its route's first component (train formation at the origin, a port's quay queue), before that component takes
/// it into service, leaves for <see cref="To"/> and counts as diverted tons. Waits are checked once a simulated day,
/// so a unit leaves between <see cref="AfterDays"/> and <see cref="AfterDays"/> + 1 day after it queued.
/// </summary>
public sealed record DiversionRule
{
    /// <summary>The default wait before a unit leaves, in days: the longest wait observed in the 2020 Dostyk backlog, up to 42 days [S209].</summary>
    public const double DefaultAfterDays = 42;

    /// <summary>Whether units divert (<see cref="DiversionMode.AfterDays"/>, the default) or wait however long it takes (<see cref="DiversionMode.Off"/>).</summary>
    public DiversionMode Mode { get; init; } = DiversionMode.AfterDays;

    /// <summary>Days a unit may wait at its first component before it leaves (default <see cref="DefaultAfterDays"/>).</summary>
    public double AfterDays { get; init; } = DefaultAfterDays;

    /// <summary>Where diverted units go, for reports (default <c>northern-route</c>: the rail route through Russia [S8]).</summary>
    public string To { get; init; } = "northern-route";

    /// <summary>Whether the rule diverts anything.</summary>
    public bool IsOn => Mode == DiversionMode.AfterDays;
}
