namespace CorridorSim.Corridor;

/// <summary>
/// One component of the corridor network: a port, a train stage (rail segment, border crossing, transshipment,
/// terminal), a vessel leg or a road leg. Each kind is one unit of change: its definition (fields, defaults and
/// rules), its runtime and its answers to the two route questions live in its own folder, and the kind is
/// registered once, in <c>ComponentKinds</c>. The kinds are closed: build components with the derived records.
/// </summary>
public abstract record ComponentDefinition
{
    private protected ComponentDefinition()
    {
    }

    /// <summary>Unique component id, e.g. <c>port:aktau</c> or <c>rail:dostyk-moyinty</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What the component is, for messages (e.g. <c>port</c>, <c>stage</c>, <c>vessel leg</c>).</summary>
    internal abstract string What { get; }

    /// <summary>Route question 1: a unit entering at <paramref name="node"/> leaves at <paramref name="next"/>.</summary>
    /// <param name="node">Where the route is when it reaches this component.</param>
    /// <param name="next">Where the unit is handed on (the component's far end, also when entry fails).</param>
    /// <param name="forward">The direction taken, for components passed both ways.</param>
    /// <returns>Null when a unit can enter at <paramref name="node"/>, otherwise why not.</returns>
    internal abstract string? Pass(string node, out string next, out bool forward);

    /// <summary>Route question 2: the investment kinds that can change this component.</summary>
    internal virtual IReadOnlyList<InvestmentKind> Investments => [];

    /// <summary>Whether a dated slowdown (capacity factor) can apply to this component.</summary>
    internal virtual bool CanSlowDown => false;

    /// <summary>Why a flow of <paramref name="unit"/> units cannot pass, or null when it can.</summary>
    internal virtual string? RefuseUnit(string unit) => null;

    /// <summary>Checks the component's own fields (and its references) and reports every error.</summary>
    internal abstract void Validate(ValidationContext context, string path);

    /// <summary>Creates the component's runtime for one replication (no process starts here).</summary>
    internal abstract ComponentRuntime CreateRuntime(CorridorRun run);
}
