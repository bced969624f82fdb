using CorridorSim.Engine;

namespace CorridorSim.Corridor;

// The corridor's definition: plain, immutable descriptions of the network, its components, cargo flows,
// disruptions and investments. A scenario file maps onto these one to one (field names carry their units);
// CorridorBuilder validates a whole definition and CorridorModel runs it.

/// <summary>A kind of cargo unit (TEU, wagon, tanker load) and how many of them make a train.</summary>
public sealed record UnitType
{
    /// <summary>Identifier referenced by flows and vessel legs, e.g. <c>teu</c> or <c>wagon</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Units that make one train at rail segments and terminals (e.g. 100 TEU [S157], 55 wagons).</summary>
    public int UnitsPerTrain { get; init; } = 50;
}

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

/// <summary>
/// A train-handling stage between two nodes: a rail segment, border crossing, transshipment point or terminal.
/// Units queue per unit type; a train leaves when <see cref="UnitType.UnitsPerTrain"/> units are there or the
/// oldest has waited <see cref="MaxFormationWaitHours"/>; trains start no closer than 24 / <see cref="TrainsPerDay"/>
/// hours apart (line or processing capacity, per direction); each train then takes <see cref="TransitHours"/>
/// (running time, or dwell for borders and terminals) before its units reach <see cref="To"/>.
/// </summary>
public sealed record StageDefinition
{
    /// <summary>Unique component id, e.g. <c>rail:dostyk-moyinty</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What the stage is (for reports; all kinds share the same mechanics).</summary>
    public StageKind Kind { get; init; } = StageKind.Rail;

    /// <summary>The node trains start from.</summary>
    public required string From { get; init; }

    /// <summary>The node trains arrive at.</summary>
    public required string To { get; init; }

    /// <summary>Length in km (rail segments; informative).</summary>
    public double LengthKm { get; init; }

    /// <summary>Capacity in trains per day in this direction; positive.</summary>
    public required double TrainsPerDay { get; init; }

    /// <summary>Running time (rail) or dwell (border, transshipment, terminal) per train, in hours.</summary>
    public required Distribution TransitHours { get; init; }

    /// <summary>The longest a unit waits for its train to fill before the train leaves part-loaded, in hours.</summary>
    public double MaxFormationWaitHours { get; init; } = 48;
}

/// <summary>Weather closures of a port: random storm episodes by month, plus fixed dated closures.</summary>
public sealed record StormDefinition
{
    /// <summary>Expected storm episodes starting in each calendar month (12 values, January first); empty for none.</summary>
    public IReadOnlyList<double> EpisodesPerMonth { get; init; } = [];

    /// <summary>Duration of one episode in hours.</summary>
    public Distribution DurationHours { get; init; } = Distribution.Constant(48);

    /// <summary>Fixed closures (start date, duration in hours), e.g. a storm known to have happened.</summary>
    public IReadOnlyList<DatedClosure> Closures { get; init; } = [];
}

/// <summary>A closure at a fixed date.</summary>
/// <param name="Start">When the closure starts.</param>
/// <param name="DurationHours">How long it lasts, in hours.</param>
public sealed record DatedClosure(DateTime Start, double DurationHours);

/// <summary>
/// A port: berths where vessels load and unload, a handling time per vessel call, and weather closures
/// (while closed, no vessel starts or continues handling, and none departs or berths).
/// </summary>
public sealed record PortDefinition
{
    /// <summary>Unique component id (also the node id), e.g. <c>port:aktau</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Number of berths serving the vessel legs that call here; at least 1.</summary>
    public required int Berths { get; init; }

    /// <summary>Handling time of one vessel call (load or unload), in hours [S84: 20 h Baku average, 30 h protocol].</summary>
    public required Distribution HandlingHours { get; init; }

    /// <summary>The vessel port-time protocol to report against, in hours (TITR protocol: 30 h [S84]).</summary>
    public double PortTimeTargetHours { get; init; } = 30;

    /// <summary>Weather closures; null for none.</summary>
    public StormDefinition? Storms { get; init; }
}

/// <summary>One vessel of a fleet.</summary>
public sealed record VesselDefinition
{
    /// <summary>The vessel's name.</summary>
    public required string Name { get; init; }

    /// <summary>Capacity in units of the leg's unit type (wagons, TEU, tanker loads) at full draft.</summary>
    public required int CapacityUnits { get; init; }

    /// <summary>When the vessel enters service (null: from the start). New ships are investments dated here.</summary>
    public DateTime? InServiceFrom { get; init; }
}

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

/// <summary>
/// A vessel leg between two ports (a Caspian ferry line, a feeder or tanker line, a Black Sea feeder): a fleet
/// rotates A → B → A, loading at each end the units queued for the other, berthing at each port.
/// </summary>
public sealed record VesselLegDefinition
{
    /// <summary>Unique component id, e.g. <c>ferry:kuryk-alat</c>.</summary>
    public required string Id { get; init; }

    /// <summary><c>ferry</c> (rail wagons / trucks) or <c>sea</c> (containers, tankers), for reports.</summary>
    public string Kind { get; init; } = "ferry";

    /// <summary>One end: a port id.</summary>
    public required string PortA { get; init; }

    /// <summary>The other end: a port id.</summary>
    public required string PortB { get; init; }

    /// <summary>The unit type the fleet carries.</summary>
    public required string Unit { get; init; }

    /// <summary>The fleet.</summary>
    public required IReadOnlyList<VesselDefinition> Vessels { get; init; }

    /// <summary>Sailing time one way, in hours [S190: 18–22 h across the Caspian].</summary>
    public required Distribution SailingHours { get; init; }

    /// <summary>The departure rule.</summary>
    public DepartureRule Departure { get; init; } = DepartureRule.WhenFullOrMaxWait;

    /// <summary>With <see cref="DepartureRule.WhenFullOrMaxWait"/>: the longest wait for cargo at <see cref="PortA"/>, in hours [S211: 1–14 days].</summary>
    public double MaxWaitHours { get; init; } = 72;

    /// <summary>
    /// With <see cref="DepartureRule.WhenFullOrMaxWait"/>: the longest wait for cargo at <see cref="PortB"/> (the
    /// backhaul end), in hours. Default 0: take what is queued and return, as ferries on a westbound-dominated
    /// corridor do [P6].
    /// </summary>
    public double BackhaulMaxWaitHours { get; init; }

    /// <summary>With <see cref="DepartureRule.Timetable"/>: hours between departures of one vessel.</summary>
    public double TimetableIntervalHours { get; init; } = 168;

    /// <summary>
    /// Draft-limited load factor by year (share of capacity usable; sea-level decline [S37][S38]); years not listed
    /// take the nearest listed year. Empty: 1.0.
    /// </summary>
    public IReadOnlyDictionary<int, double> LoadFactorByYear { get; init; } = new Dictionary<int, double>();
}

/// <summary>How a flow chooses among its alternative routes.</summary>
public enum RouteChoice
{
    /// <summary>Each unit picks a route at random with the routes' shares as probabilities.</summary>
    FixedShares,

    /// <summary>Each unit takes the route with the shortest expected time now (nominal transit plus current queues).</summary>
    ShortestExpectedTime,
}

/// <summary>One route of a flow: the components it passes, in order, from origin to destination.</summary>
public sealed record RouteDefinition
{
    /// <summary>Component ids in order (stages and vessel legs; a vessel leg may be passed in either direction).</summary>
    public required IReadOnlyList<string> Legs { get; init; }

    /// <summary>Share of the flow for <see cref="RouteChoice.FixedShares"/> (shares are normalised).</summary>
    public double Share { get; init; } = 1;
}

/// <summary>A cargo flow: what, how much, when, from where to where, and by which routes.</summary>
public sealed record CargoFlowDefinition
{
    /// <summary>Unique flow id.</summary>
    public required string Id { get; init; }

    /// <summary>Commodity: containers, oil, grain, metals, other.</summary>
    public string Commodity { get; init; } = "containers";

    /// <summary>The unit type.</summary>
    public required string Unit { get; init; }

    /// <summary>Tons per unit [P7: 14 t/TEU; P8: 60 t/wagon].</summary>
    public required double TonsPerUnit { get; init; }

    /// <summary>Demand in tons per year in <see cref="BaseYear"/>.</summary>
    public required double AnnualTons { get; init; }

    /// <summary>The year <see cref="AnnualTons"/> refers to.</summary>
    public int BaseYear { get; init; } = 2024;

    /// <summary>Demand growth per year as a fraction (0.2 = +20 %/yr), compounding from <see cref="BaseYear"/>.</summary>
    public double GrowthPerYear { get; init; }

    /// <summary>Explicit demand by year in tons, overriding base and growth for the years listed.</summary>
    public IReadOnlyDictionary<int, double> AnnualTonsByYear { get; init; } = new Dictionary<int, double>();

    /// <summary>Relative demand by calendar month (12 values, January first; normalised); empty for flat.</summary>
    public IReadOnlyList<double> Seasonality { get; init; } = [];

    /// <summary>The node where units appear.</summary>
    public required string Origin { get; init; }

    /// <summary>The node where units are delivered.</summary>
    public required string Destination { get; init; }

    /// <summary>Alternative routes (at least one).</summary>
    public required IReadOnlyList<RouteDefinition> Routes { get; init; }

    /// <summary>How a unit chooses its route.</summary>
    public RouteChoice RouteChoice { get; init; } = RouteChoice.FixedShares;

    /// <summary>Demand in tons for a calendar year.</summary>
    public double TonsInYear(int year) =>
        AnnualTonsByYear.TryGetValue(year, out double t) ? t : AnnualTons * Math.Pow(1 + GrowthPerYear, year - BaseYear);
}

/// <summary>A dated slowdown of a stage (a border congestion episode): capacity multiplied by a factor.</summary>
public sealed record SlowdownDefinition
{
    /// <summary>The stage id.</summary>
    public required string Component { get; init; }

    /// <summary>Start date.</summary>
    public required DateTime Start { get; init; }

    /// <summary>Duration in days.</summary>
    public required double DurationDays { get; init; }

    /// <summary>Capacity factor during the slowdown, in (0, 1].</summary>
    public required double CapacityFactor { get; init; }
}

/// <summary>What an investment changes.</summary>
public enum InvestmentKind
{
    /// <summary>Sets a port's berth count.</summary>
    Berths,

    /// <summary>Sets a stage's trains per day.</summary>
    TrainsPerDay,

    /// <summary>Multiplies a port's handling time by a factor (below 1 = faster).</summary>
    HandlingTimeFactor,

    /// <summary>Adds vessels to a vessel leg (see <see cref="InvestmentDefinition.Vessels"/>).</summary>
    AddVessels,

    /// <summary>Sets a vessel leg's load factor from then on (dredging restores draft).</summary>
    LoadFactor,
}

/// <summary>A dated capacity change, applied at that simulated date.</summary>
public sealed record InvestmentDefinition
{
    /// <summary>A label for reports, e.g. "Dostyk–Moyinty second track".</summary>
    public required string Name { get; init; }

    /// <summary>When the change takes effect.</summary>
    public required DateTime Date { get; init; }

    /// <summary>The component changed.</summary>
    public required string Component { get; init; }

    /// <summary>What changes.</summary>
    public required InvestmentKind Kind { get; init; }

    /// <summary>The new value (berths, trains/day, factor or load factor); unused for <see cref="InvestmentKind.AddVessels"/>.</summary>
    public double Value { get; init; }

    /// <summary>Vessels added by <see cref="InvestmentKind.AddVessels"/>.</summary>
    public IReadOnlyList<VesselDefinition> Vessels { get; init; } = [];
}

/// <summary>A whole corridor: the network, flows, disruptions and investments. Build it with <see cref="CorridorBuilder"/>.</summary>
public sealed record CorridorDefinition
{
    /// <summary>A name for reports.</summary>
    public string Name { get; init; } = "corridor";

    /// <summary>Unit types.</summary>
    public IReadOnlyList<UnitType> Units { get; init; } = [];

    /// <summary>Ports.</summary>
    public IReadOnlyList<PortDefinition> Ports { get; init; } = [];

    /// <summary>Rail segments, border crossings, transshipments, terminals.</summary>
    public IReadOnlyList<StageDefinition> Stages { get; init; } = [];

    /// <summary>Vessel legs.</summary>
    public IReadOnlyList<VesselLegDefinition> VesselLegs { get; init; } = [];

    /// <summary>Cargo flows.</summary>
    public IReadOnlyList<CargoFlowDefinition> Flows { get; init; } = [];

    /// <summary>Dated slowdowns.</summary>
    public IReadOnlyList<SlowdownDefinition> Slowdowns { get; init; } = [];

    /// <summary>Investments.</summary>
    public IReadOnlyList<InvestmentDefinition> Investments { get; init; } = [];
}
