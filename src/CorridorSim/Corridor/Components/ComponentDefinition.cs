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

    /// <summary>
    /// The relief the counterfactual bottleneck search tries on this kind (one more berth, one more vessel, +20 %
    /// trains per day, …), described for reports; null when the kind has none.
    /// </summary>
    internal virtual string? Relief => null;

    /// <summary>This component with <see cref="Relief"/> applied, as in force at the start of <paramref name="year"/>.</summary>
    internal virtual ComponentDefinition Relieved(int year) => this;

    /// <summary>A dated investment on this component, changed so that the relief stays in force after it.</summary>
    internal virtual InvestmentDefinition Relieved(InvestmentDefinition investment) => investment;

    /// <summary>Checks the component's own fields (and its references) and reports every error.</summary>
    internal abstract void Validate(ValidationContext context, string path);

    /// <summary>Creates the component's runtime for one replication (no process starts here).</summary>
    internal abstract ComponentRuntime CreateRuntime(CorridorRun run);
}
