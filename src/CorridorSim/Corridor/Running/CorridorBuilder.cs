using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// Builds a corridor in code, component by component; <see cref="Build"/> validates the whole and reports every
/// error at once. The definition it builds is the same one a scenario file maps onto.
/// </summary>
/// <example>
/// <code>
/// CorridorModel model = new CorridorBuilder("kuryk-alat")
///     .AddUnit("wagon", unitsPerTrain: 50)
///     .AddPort("port:kuryk", berths: 2, handlingHours: Distribution.Triangular(6, 8, 12))
///     .AddPort("port:alat", berths: 3, handlingHours: Distribution.Triangular(12, 20, 30))
///     .Add(new VesselLegDefinition { ... })
///     .AddFlow(new CargoFlowDefinition { ... })
///     .BuildModel();
/// </code>
/// </example>
public sealed class CorridorBuilder
{
    private readonly string _name;
    private readonly List<UnitType> _units = [];
    private readonly List<ComponentDefinition> _components = [];
    private readonly List<CargoFlowDefinition> _flows = [];
    private readonly List<SlowdownDefinition> _slowdowns = [];
    private readonly List<InvestmentDefinition> _investments = [];

    /// <summary>Starts an empty corridor called <paramref name="name"/>.</summary>
    public CorridorBuilder(string name = "corridor") => _name = name;

    /// <summary>Adds a unit type.</summary>
    public CorridorBuilder AddUnit(string id, int unitsPerTrain)
    {
        _units.Add(new UnitType { Id = id, UnitsPerTrain = unitsPerTrain });
        return this;
    }

    /// <summary>Adds a port with <paramref name="berths"/> berths and a handling time per vessel call.</summary>
    public CorridorBuilder AddPort(string id, int berths, Distribution handlingHours, StormDefinition? storms = null) =>
        Add(new PortDefinition { Id = id, Berths = berths, HandlingHours = handlingHours, Storms = storms });

    /// <summary>Adds a rail segment from <paramref name="from"/> to <paramref name="to"/> (formation wait: the definition's default).</summary>
    public CorridorBuilder AddRail(string id, string from, string to, double trainsPerDay, Distribution runningHours, double lengthKm = 0) =>
        Add(new RailSegmentDefinition { Id = id, From = from, To = to, TrainsPerDay = trainsPerDay, TransitHours = runningHours, LengthKm = lengthKm });

    /// <summary>Adds a border crossing with a processing capacity and a dwell per train (formation wait: the definition's default).</summary>
    public CorridorBuilder AddBorder(string id, string from, string to, double trainsPerDay, Distribution dwellHours) =>
        Add(new BorderCrossingDefinition { Id = id, From = from, To = to, TrainsPerDay = trainsPerDay, TransitHours = dwellHours });

    /// <summary>
    /// Adds a component of any kind (every record derived from <see cref="ComponentDefinition"/>). Components run and
    /// report grouped by kind, as a scenario file lists them, and in the order added within a kind.
    /// </summary>
    public CorridorBuilder Add(ComponentDefinition component)
    {
        ArgumentNullException.ThrowIfNull(component);
        _components.Add(component);
        return this;
    }

    /// <summary>Adds a cargo flow.</summary>
    public CorridorBuilder AddFlow(CargoFlowDefinition flow)
    {
        _flows.Add(flow);
        return this;
    }

    /// <summary>Adds a dated slowdown of a stage.</summary>
    public CorridorBuilder AddSlowdown(SlowdownDefinition slowdown)
    {
        _slowdowns.Add(slowdown);
        return this;
    }

    /// <summary>Adds a dated investment.</summary>
    public CorridorBuilder AddInvestment(InvestmentDefinition investment)
    {
        _investments.Add(investment);
        return this;
    }

    /// <summary>The definition built so far, validated.</summary>
    /// <exception cref="ScenarioException">The corridor has errors; all are listed, each naming its component.</exception>
    public CorridorDefinition Build()
    {
        var definition = new CorridorDefinition
        {
            Name = _name,
            Units = [.. _units],
            // Grouped by kind as a scenario file lists them (ports, stages, vessel legs, road legs), in the order added within a kind.
            Components = [.. _components.OrderBy(c => ComponentKinds.ArrayIndex(c))],
            Flows = [.. _flows],
            Slowdowns = [.. _slowdowns],
            Investments = [.. _investments],
        };
        IReadOnlyList<ScenarioError> errors = CorridorValidator.Validate(definition);
        return errors.Count > 0 ? throw new ScenarioException(errors) : definition;
    }

    /// <summary>Builds and wraps the definition in a runnable <see cref="CorridorModel"/>.</summary>
    public CorridorModel BuildModel() => new(Build());
}
