namespace CorridorSim.Corridor;

/// <summary>A whole corridor: the network, flows, disruptions and investments. Build it with <see cref="CorridorBuilder"/>.</summary>
public sealed record CorridorDefinition
{
    /// <summary>
    /// The longest id, in characters, of a unit type, component, flow or node, and of any reference to one: ids name
    /// random streams and are compared along every route, so a longer one costs run time and says nothing more.
    /// </summary>
    public const int MaxIdLength = 128;

    /// <summary>A name for reports.</summary>
    public string Name { get; init; } = "corridor";

    /// <summary>Unit types.</summary>
    public IReadOnlyList<UnitType> Units { get; init; } = [];

    /// <summary>
    /// The components (ports, stages, vessel legs, road legs, …), in the order their runtimes are created and started
    /// and their indicators reported. A scenario file lists them by kind; the loader keeps the file's order within
    /// each kind's array, the arrays in the order of the kind registry.
    /// </summary>
    public IReadOnlyList<ComponentDefinition> Components { get; init; } = [];

    /// <summary>Cargo flows.</summary>
    public IReadOnlyList<CargoFlowDefinition> Flows { get; init; } = [];

    /// <summary>Dated slowdowns.</summary>
    public IReadOnlyList<SlowdownDefinition> Slowdowns { get; init; } = [];

    /// <summary>Investments.</summary>
    public IReadOnlyList<InvestmentDefinition> Investments { get; init; } = [];

    /// <summary>The ports among <see cref="Components"/>, in order.</summary>
    public IReadOnlyList<PortDefinition> Ports => [.. Components.OfType<PortDefinition>()];

    /// <summary>The stages (rail segments, border crossings, transshipments, terminals) among <see cref="Components"/>, in order.</summary>
    public IReadOnlyList<StageDefinition> Stages => [.. Components.OfType<StageDefinition>()];

    /// <summary>The vessel legs among <see cref="Components"/>, in order.</summary>
    public IReadOnlyList<VesselLegDefinition> VesselLegs => [.. Components.OfType<VesselLegDefinition>()];
}
