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
///     .AddVesselLeg(new VesselLegDefinition { ... })
///     .AddFlow(new CargoFlowDefinition { ... })
///     .BuildModel();
/// </code>
/// </example>
public sealed class CorridorBuilder
{
    private readonly string _name;
    private readonly List<UnitType> _units = [];
    private readonly List<PortDefinition> _ports = [];
    private readonly List<StageDefinition> _stages = [];
    private readonly List<VesselLegDefinition> _legs = [];
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
    public CorridorBuilder AddPort(string id, int berths, Distribution handlingHours, StormDefinition? storms = null)
    {
        _ports.Add(new PortDefinition { Id = id, Berths = berths, HandlingHours = handlingHours, Storms = storms });
        return this;
    }

    /// <summary>Adds a port.</summary>
    public CorridorBuilder AddPort(PortDefinition port)
    {
        _ports.Add(port);
        return this;
    }

    /// <summary>Adds a rail segment from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public CorridorBuilder AddRail(string id, string from, string to, double trainsPerDay, Distribution runningHours, double lengthKm = 0, double maxFormationWaitHours = 48) =>
        AddStage(new StageDefinition
        {
            Id = id, Kind = StageKind.Rail, From = from, To = to, TrainsPerDay = trainsPerDay,
            TransitHours = runningHours, LengthKm = lengthKm, MaxFormationWaitHours = maxFormationWaitHours,
        });

    /// <summary>Adds a border crossing (or, with <paramref name="kind"/>, a transshipment point or terminal).</summary>
    public CorridorBuilder AddBorder(string id, string from, string to, double trainsPerDay, Distribution dwellHours, StageKind kind = StageKind.Border, double maxFormationWaitHours = 48) =>
        AddStage(new StageDefinition
        {
            Id = id, Kind = kind, From = from, To = to, TrainsPerDay = trainsPerDay,
            TransitHours = dwellHours, MaxFormationWaitHours = maxFormationWaitHours,
        });

    /// <summary>Adds a stage.</summary>
    public CorridorBuilder AddStage(StageDefinition stage)
    {
        _stages.Add(stage);
        return this;
    }

    /// <summary>Adds a vessel leg.</summary>
    public CorridorBuilder AddVesselLeg(VesselLegDefinition leg)
    {
        _legs.Add(leg);
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
    /// <exception cref="CorridorValidationException">The corridor has errors; all are listed, each naming its component.</exception>
    public CorridorDefinition Build()
    {
        var definition = new CorridorDefinition
        {
            Name = _name,
            Units = [.. _units],
            Ports = [.. _ports],
            Stages = [.. _stages],
            VesselLegs = [.. _legs],
            Flows = [.. _flows],
            Slowdowns = [.. _slowdowns],
            Investments = [.. _investments],
        };
        IReadOnlyList<ValidationError> errors = CorridorValidator.Validate(definition);
        return errors.Count > 0 ? throw new CorridorValidationException(errors) : definition;
    }

    /// <summary>Builds and wraps the definition in a runnable <see cref="CorridorModel"/>.</summary>
    public CorridorModel BuildModel() => new(Build());
}
