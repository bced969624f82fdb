using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>A cargo flow at run time: generates units and keeps its delivery statistics.</summary>
internal sealed class FlowRuntime
{
    private readonly CorridorRun _run;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _routes;
    private readonly double _seasonMean;

    public FlowRuntime(CorridorRun run, CargoFlowDefinition definition, RouteStep[][] routes)
    {
        _run = run;
        Definition = definition;
        Routes = routes;
        _arrivals = run.Simulation.Stream("flow:" + definition.Id + ":arrivals");
        _routes = run.Simulation.Stream("flow:" + definition.Id + ":routes");
        _seasonMean = definition.Seasonality.Count == 12 ? definition.Seasonality.Average() : 1;
    }

    public CargoFlowDefinition Definition { get; }

    /// <summary>Position of the flow's unit type in the corridor's unit list (a cheap key for per-unit lookups).</summary>
    public int UnitIndex { get; init; }

    public RouteStep[][] Routes { get; }

    public double GeneratedTons { get; set; }

    public double DeliveredTons { get; set; }

    public long DeliveredUnits { get; set; }

    public Tally TransitDays { get; } = Tally.WithBinnedPercentiles();

    public double TotalGeneratedTons { get; private set; }

    public double TotalDeliveredTons { get; set; }

    public void ResetStatistics()
    {
        GeneratedTons = 0;
        DeliveredTons = 0;
        DeliveredUnits = 0;
        TransitDays.Reset();
    }

    /// <summary>Units per hour demanded at the current date (annual tons of the year, seasonal profile).</summary>
    private double UnitsPerHour()
    {
        DateTime date = _run.Simulation.CurrentDate;
        double tons = Definition.TonsInYear(date.Year);
        double season = Definition.Seasonality.Count == 12 ? Definition.Seasonality[date.Month - 1] / _seasonMean : 1;
        double hoursInYear = DateTime.IsLeapYear(date.Year) ? 8784 : 8760;
        return tons / Definition.TonsPerUnit * season / hoursInYear;
    }

    public async ProcessTask Generate(SimProcess p)
    {
        SimTime end = SimTime.Zero;
        double rate = 0;
        while (true)
        {
            if (p.Now >= end)
            {
                // The rate is constant within a calendar month: work it out once per month.
                DateTime date = _run.Simulation.CurrentDate;
                var monthEnd = new DateTime(date.Year, date.Month, 1, 0, 0, 0, date.Kind).AddMonths(1);
                end = _run.Simulation.TimeOf(monthEnd);
                rate = UnitsPerHour();
            }

            if (rate <= 0)
            {
                await p.DelayUntil(end);
                continue;
            }

            // Poisson arrivals with a rate that is constant within a month; memoryless, so a gap that
            // crosses the month's end is redrawn with the next month's rate.
            SimTime at = p.Now + SimDuration.FromHours(-Math.Log(1 - _arrivals.NextDouble()) / rate);
            if (at >= end)
            {
                await p.DelayUntil(end);
                continue;
            }

            await p.DelayUntil(at);
            CargoUnit unit = _run.NewUnit(this, ChooseRoute(), p.Now);
            GeneratedTons += Definition.TonsPerUnit;
            TotalGeneratedTons += Definition.TonsPerUnit;
            _run.Generated(unit);
            unit.Advance(_run);
        }
    }

    private RouteStep[] ChooseRoute()
    {
        if (Routes.Length == 1)
        {
            return Routes[0];
        }

        if (Definition.RouteChoice == RouteChoice.ShortestExpectedTime)
        {
            int best = 0;
            double bestHours = double.MaxValue;
            for (int r = 0; r < Routes.Length; r++)
            {
                double hours = 0;
                foreach (RouteStep s in Routes[r])
                {
                    hours += s.Component.ExpectedHours(s.Forward);
                }

                if (hours < bestHours)
                {
                    bestHours = hours;
                    best = r;
                }
            }

            return Routes[best];
        }

        double total = 0;
        foreach (RouteDefinition r in Definition.Routes)
        {
            total += r.Share;
        }

        double u = _routes.NextDouble() * total;
        for (int r = 0; r < Routes.Length; r++)
        {
            u -= Definition.Routes[r].Share;
            if (u < 0)
            {
                return Routes[r];
            }
        }

        return Routes[^1];
    }
}

/// <summary>
/// One replication of a corridor in its own <see cref="Engine.Simulation"/>: advance it year by year and read
/// each year's indicators. Create it with <see cref="CorridorModel.CreateRun"/>.
/// </summary>
public sealed class CorridorRun
{
    private readonly Dictionary<string, ComponentRuntime> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitType> _units;
    private readonly List<FlowRuntime> _flows = [];
    private readonly Dictionary<string, double> _deliveredByCommodity = new(StringComparer.Ordinal);
    private readonly Tally _transitDays = Tally.WithBinnedPercentiles();
    private readonly HashSet<CargoUnit>? _trackedUnits;
    private readonly Stack<CargoUnit> _freeUnits = new();
    private long _eventsAtYearStart;

    internal CorridorRun(CorridorDefinition definition, ulong seed, int replication, int firstYear, double warmupDays, bool trackUnits)
    {
        Definition = definition;
        FirstYear = firstYear;
        NextYear = firstYear;
        var yearStart = new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Simulation = new Simulation(seed, replication, yearStart.AddDays(-warmupDays));
        _units = definition.Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        _trackedUnits = trackUnits ? [] : null;

        foreach (PortDefinition p in definition.Ports)
        {
            _components.Add(p.Id, new PortRuntime(this, p));
        }

        foreach (StageDefinition s in definition.Stages)
        {
            _components.Add(s.Id, new StageRuntime(this, s));
        }

        foreach (VesselLegDefinition v in definition.VesselLegs)
        {
            var leg = new VesselLegRuntime(this, v, (PortRuntime)_components[v.PortA], (PortRuntime)_components[v.PortB]);
            _components.Add(v.Id, leg);
            foreach (VesselDefinition vessel in v.Vessels)
            {
                leg.AddVessel(vessel, vessel.InServiceFrom is { } d && d > Simulation.StartDate ? Simulation.TimeOf(d) : SimTime.Zero);
            }
        }

        foreach (PortRuntime port in _components.Values.OfType<PortRuntime>())
        {
            port.StartWeather();
        }

        foreach (CargoFlowDefinition f in definition.Flows)
        {
            RouteStep[][] routes = f.Routes.Select(r => BuildRoute(f, r)).ToArray();
            var flow = new FlowRuntime(this, f, routes) { UnitIndex = IndexOfUnit(f.Unit) };
            _flows.Add(flow);
            Simulation.Start(flow.Generate, "flow:" + f.Id);
        }

        foreach (SlowdownDefinition s in definition.Slowdowns)
        {
            var stage = (StageRuntime)_components[s.Component];
            At(s.Start, () => stage.BeginSlowdown(s.CapacityFactor));
            At(s.Start.AddDays(s.DurationDays), () => stage.EndSlowdown(s.CapacityFactor));
        }

        foreach (InvestmentDefinition inv in definition.Investments)
        {
            ComponentRuntime c = _components[inv.Component];
            At(inv.Date, () => Apply(inv, c));
        }

        Simulation.RunUntil(Simulation.TimeOf(yearStart));
        ResetStatistics();
    }

    /// <summary>The simulation this run advances (for custom probes; the corridor owns its processes).</summary>
    public Simulation Simulation { get; }

    /// <summary>The definition being run.</summary>
    public CorridorDefinition Definition { get; }

    /// <summary>The first simulated calendar year (after the warm-up).</summary>
    public int FirstYear { get; }

    /// <summary>The calendar year <see cref="RunYear"/> simulates next.</summary>
    public int NextYear { get; private set; }

    /// <summary>Tons generated since the start, warm-up included.</summary>
    public double TotalGeneratedTons => _flows.Sum(f => f.TotalGeneratedTons);

    /// <summary>Tons delivered since the start, warm-up included.</summary>
    public double TotalDeliveredTons => _flows.Sum(f => f.TotalDeliveredTons);

    /// <summary>Simulates the next calendar year and returns its indicators.</summary>
    public YearResult RunYear()
    {
        int year = NextYear;
        SimTime end = Simulation.TimeOf(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Simulation.RunUntil(end);
        YearResult result = Collect(year);
        ResetStatistics();
        NextYear++;
        return result;
    }

    /// <summary>Runs the simulation up to a date inside the current year without collecting (for probes and tests).</summary>
    public void RunUntil(DateTime date) => Simulation.RunUntil(Simulation.TimeOf(date));

    /// <summary>Tons held in the system now (queued, in transit, aboard), by commodity, counted unit by unit from the components.</summary>
    public IReadOnlyDictionary<string, double> TonsInSystemByCommodity()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (CargoUnit u in _components.Values.SelectMany(c => c.UnitsHeld()))
        {
            result[u.Flow.Definition.Commodity] = result.GetValueOrDefault(u.Flow.Definition.Commodity) + u.Tons;
        }

        return result;
    }

    /// <summary>Tons generated since the start, by commodity.</summary>
    public IReadOnlyDictionary<string, double> GeneratedTonsByCommodity() =>
        _flows.GroupBy(f => f.Definition.Commodity, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => g.Sum(f => f.TotalGeneratedTons), StringComparer.Ordinal);

    /// <summary>Tons delivered since the start, by commodity.</summary>
    public IReadOnlyDictionary<string, double> DeliveredTonsByCommodity() =>
        _flows.GroupBy(f => f.Definition.Commodity, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => g.Sum(f => f.TotalDeliveredTons), StringComparer.Ordinal);

    /// <summary>Whether any unit is held by two components at once (a conservation bug); for tests.</summary>
    internal bool AnyUnitHeldTwice()
    {
        var seen = new HashSet<CargoUnit>();
        return _components.Values.SelectMany(c => c.UnitsHeld()).Any(u => !seen.Add(u));
    }

    internal ComponentRuntime Component(string id) => _components[id];

    internal UnitType UnitType(string id) => _units[id];

    internal CargoUnit NewUnit(FlowRuntime flow, RouteStep[] route, SimTime now)
    {
        if (_freeUnits.TryPop(out CargoUnit? unit))
        {
            unit.Flow = flow;
            unit.Route = route;
            unit.Step = 0;
            unit.Created = now;
            unit.QueuedAt = now;
            return unit;
        }

        return new CargoUnit { Flow = flow, Route = route, Created = now, QueuedAt = now };
    }

    private int IndexOfUnit(string id)
    {
        for (int i = 0; i < Definition.Units.Count; i++)
        {
            if (Definition.Units[i].Id == id)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Unit type '{id}' is not defined."); // validation rules this out
    }

    internal void Generated(CargoUnit unit) => _trackedUnits?.Add(unit);

    internal void Deliver(CargoUnit unit)
    {
        FlowRuntime f = unit.Flow;
        double days = (Simulation.Now - unit.Created).TotalDays;
        f.DeliveredTons += unit.Tons;
        f.TotalDeliveredTons += unit.Tons;
        f.DeliveredUnits++;
        f.TransitDays.Add(days);
        _transitDays.Add(days);
        string c = f.Definition.Commodity;
        _deliveredByCommodity[c] = _deliveredByCommodity.GetValueOrDefault(c) + unit.Tons;
        _trackedUnits?.Remove(unit);

        // Delivered units are recycled: nothing refers to them any more, and a run at 10 Mt/yr would otherwise
        // allocate (and the GC promote) a quarter of a million units a year.
        unit.Route = [];
        _freeUnits.Push(unit);
    }

    private RouteStep[] BuildRoute(CargoFlowDefinition flow, RouteDefinition route)
    {
        var steps = new RouteStep[route.Legs.Count];
        string node = flow.Origin;
        for (int i = 0; i < steps.Length; i++)
        {
            ComponentRuntime c = _components[route.Legs[i]];
            bool forward = true;
            if (c is VesselLegRuntime leg)
            {
                forward = leg.Definition.PortA == node;
                node = forward ? leg.Definition.PortB : leg.Definition.PortA;
            }
            else if (c is StageRuntime stage)
            {
                node = stage.Definition.To;
            }

            steps[i] = new RouteStep(c, forward);
        }

        return steps;
    }

    private void At(DateTime date, Action action)
    {
        if (date <= Simulation.StartDate)
        {
            action();
            return;
        }

        Simulation.ScheduleAt(Simulation.TimeOf(date), static (_, a) => a(), action);
    }

    private void Apply(InvestmentDefinition inv, ComponentRuntime c)
    {
        switch (inv.Kind)
        {
            case InvestmentKind.Berths:
                ((PortRuntime)c).Berths.SetCapacity((int)inv.Value);
                break;
            case InvestmentKind.HandlingTimeFactor:
                ((PortRuntime)c).HandlingFactor = inv.Value;
                break;
            case InvestmentKind.TrainsPerDay:
                ((StageRuntime)c).TrainsPerDay = inv.Value;
                break;
            case InvestmentKind.LoadFactor:
                ((VesselLegRuntime)c).SetLoadFactor(inv.Value);
                break;
            case InvestmentKind.AddVessels:
                foreach (VesselDefinition v in inv.Vessels)
                {
                    ((VesselLegRuntime)c).AddVessel(v, Simulation.Now);
                }

                break;
        }
    }

    private void ResetStatistics()
    {
        foreach (ComponentRuntime c in _components.Values)
        {
            c.ResetStatistics();
        }

        foreach (FlowRuntime f in _flows)
        {
            f.ResetStatistics();
        }

        _deliveredByCommodity.Clear();
        _transitDays.Reset();
        _eventsAtYearStart = Simulation.EventsProcessed;
    }

    private YearResult Collect(int year)
    {
        List<ComponentKpi> components = _components.Values.Select(c => c.Collect()).ToList();
        ComponentKpi? bottleneck = components
            .OrderByDescending(c => c.Utilization)
            .ThenByDescending(c => c.MeanWaitHours)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return new YearResult
        {
            Year = year,
            GeneratedTons = _flows.Sum(f => f.GeneratedTons),
            DeliveredTons = _flows.Sum(f => f.DeliveredTons),
            TonsInSystemAtYearEnd = TonsInSystemByCommodity().Values.Sum(),
            DeliveredTonsByCommodity = new Dictionary<string, double>(_deliveredByCommodity, StringComparer.Ordinal),
            Components = components,
            Flows = _flows.Select(f => new FlowKpi
            {
                Id = f.Definition.Id,
                Commodity = f.Definition.Commodity,
                GeneratedTons = f.GeneratedTons,
                DeliveredTons = f.DeliveredTons,
                DeliveredUnits = f.DeliveredUnits,
                MeanTransitDays = f.TransitDays.Count > 0 ? f.TransitDays.Mean : double.NaN,
                P50TransitDays = f.TransitDays.Count > 0 ? f.TransitDays.Percentile(0.5) : double.NaN,
                P95TransitDays = f.TransitDays.Count > 0 ? f.TransitDays.Percentile(0.95) : double.NaN,
            }).ToList(),
            MeanTransitDays = _transitDays.Count > 0 ? _transitDays.Mean : double.NaN,
            P50TransitDays = _transitDays.Count > 0 ? _transitDays.Percentile(0.5) : double.NaN,
            P95TransitDays = _transitDays.Count > 0 ? _transitDays.Percentile(0.95) : double.NaN,
            Bottleneck = bottleneck?.Id ?? string.Empty,
            Events = Simulation.EventsProcessed - _eventsAtYearStart,
        };
    }
}

/// <summary>
/// A validated corridor, ready to run: each <see cref="CreateRun"/> is one independent replication.
/// </summary>
public sealed class CorridorModel
{
    /// <summary>Validates <paramref name="definition"/> and keeps it.</summary>
    /// <exception cref="CorridorValidationException">The definition has errors; all of them are listed.</exception>
    public CorridorModel(CorridorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        IReadOnlyList<ValidationError> errors = CorridorValidator.Validate(definition);
        if (errors.Count > 0)
        {
            throw new CorridorValidationException(errors);
        }

        Definition = definition;
    }

    /// <summary>The definition.</summary>
    public CorridorDefinition Definition { get; }

    /// <summary>Every error in a definition, each with its path; empty when valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(CorridorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return CorridorValidator.Validate(definition);
    }

    /// <summary>
    /// Starts one replication: builds the components in a new simulation that starts
    /// <paramref name="warmupDays"/> before 1 January of <paramref name="firstYear"/>, runs the warm-up and
    /// resets the statistics. Then call <see cref="CorridorRun.RunYear"/> once per year.
    /// </summary>
    /// <param name="seed">Master seed.</param>
    /// <param name="replication">Replication index; replication i always draws the same random streams.</param>
    /// <param name="firstYear">First calendar year reported.</param>
    /// <param name="warmupDays">Days simulated before the first year and discarded (fills the pipeline); 0..3650.</param>
    public CorridorRun CreateRun(ulong seed, int replication, int firstYear, double warmupDays = 60)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstYear, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstYear, 2200);
        if (!(warmupDays >= 0 && warmupDays <= 3650))
        {
            throw new ArgumentOutOfRangeException(nameof(warmupDays), warmupDays, "The warm-up must be within 0..3650 days.");
        }

        return new CorridorRun(Definition, seed, replication, firstYear, warmupDays, trackUnits: false);
    }
}
