using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// One replication of a corridor in its own <see cref="Engine.Simulation"/>: advance it year by year and read
/// each year's indicators. Create it with <see cref="CorridorModel.CreateRun"/>.
/// </summary>
public sealed class CorridorRun
{
    private readonly Dictionary<string, ComponentRuntime> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitType> _units;
    private readonly List<FlowRuntime> _flows = [];
    // Tons delivered in the period by commodity, indexed by the flows' CommodityIndex (no string hashing per unit),
    // and the commodities in the order of their first delivery in the period (the order the dictionary reports).
    private readonly List<string> _commodities = [];
    private double[] _deliveredByCommodity = [];
    private readonly List<int> _deliveredOrder = [];
    private readonly Dictionary<string, double> _divertedByCommodity = new(StringComparer.Ordinal);
    private readonly List<ComponentRuntime> _diversionPoints = [];
    private SimTime _yearStart;
    private double _tonsInSystemAtYearStart;
    private readonly Tally _transitDays = Tally.WithBinnedPercentiles();
    private readonly HashSet<CargoUnit>? _trackedUnits;
    private readonly Stack<CargoUnit> _freeUnits = new();
    private long _eventsAtYearStart;

    internal CorridorRun(CorridorDefinition definition, ulong seed, int replication, int firstYear, double warmupDays, bool trackUnits, double maxTonsInSystem = double.PositiveInfinity, ICorridorEventSink? eventSink = null)
    {
        MaxTonsInSystem = maxTonsInSystem;
        Definition = definition;
        FirstYear = firstYear;
        NextYear = firstYear;
        var yearStart = new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Simulation = new Simulation(seed, replication, yearStart.AddDays(-warmupDays));
        _units = definition.Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        _trackedUnits = trackUnits ? [] : null;
        EventSink = eventSink;
        eventSink?.Started(Simulation.StartDate);

        // Every runtime first (a vessel leg finds its ports when it starts), then each starts, in definition order.
        foreach (ComponentDefinition c in definition.Components)
        {
            _components.Add(c.Id, c.CreateRuntime(this));
        }

        foreach (ComponentRuntime c in _components.Values)
        {
            c.Start();
        }

        foreach (CargoFlowDefinition f in definition.Flows)
        {
            RouteStep[][] routes = f.Routes.Select(r => BuildRoute(f, r)).ToArray();
            var flow = new FlowRuntime(this, f, routes) { UnitIndex = IndexOfUnit(f.Unit), CommodityIndex = IndexOfCommodity(f.Commodity) };
            _flows.Add(flow);
            flow.Start();
            foreach (RouteStep[] route in routes)
            {
                if (flow.DivertAfterTicks != long.MaxValue && route.Length > 0)
                {
                    ComponentRuntime first = route[0].Component;
                    first.DivertAfterTicks = Math.Min(first.DivertAfterTicks, flow.DivertAfterTicks);
                    if (!_diversionPoints.Contains(first))
                    {
                        _diversionPoints.Add(first);
                    }
                }
            }
        }

        _deliveredByCommodity = new double[_commodities.Count];
        if (_diversionPoints.Count > 0)
        {
            Simulation.Start(SweepDiversions, "diversions");
        }

        foreach (SlowdownDefinition s in definition.Slowdowns)
        {
            ComponentRuntime c = _components[s.Component];
            At(s.Start, () => c.BeginSlowdown(s.CapacityFactor));
            At(s.Start.AddDays(s.DurationDays), () => c.EndSlowdown(s.CapacityFactor));
        }

        foreach (InvestmentDefinition inv in definition.Investments)
        {
            ComponentRuntime c = _components[inv.Component];
            At(inv.Date, () => c.Apply(inv));
        }

        if (double.IsFinite(maxTonsInSystem))
        {
            Simulation.Schedule(BacklogCheckInterval, CheckBacklogHandler, this);
        }

        Simulation.RunUntil(Simulation.TimeOf(yearStart));
        ResetStatistics();
    }

    // Often enough that a month's demand is the most a run can overshoot the limit by; rare enough that walking
    // every unit held costs nothing next to simulating them.
    private static readonly SimDuration BacklogCheckInterval = SimDuration.FromDays(30);

    // Far above the rounding of the running totals (about 1e-16 of the tons times the units counted), far below a month's demand.
    private const double BacklogScanMargin = 1e-3;

    private static readonly Action<Simulation, CorridorRun> CheckBacklogHandler = static (_, run) => run.CheckBacklog();

    /// <summary>The most tons the run may hold before it stops with a <see cref="BacklogLimitException"/>.</summary>
    public double MaxTonsInSystem { get; }

    private void CheckBacklog()
    {
        // Tons are conserved, so generated less delivered and diverted is the tons held up to rounding: walking every
        // unit (a saturated probe holds hundreds of thousands) is needed only to name the holder near the limit.
        if (TotalGeneratedTons - TotalDeliveredTons - TotalDivertedTons < MaxTonsInSystem * (1 - BacklogScanMargin))
        {
            Simulation.Schedule(BacklogCheckInterval, CheckBacklogHandler, this);
            return;
        }

        double total = 0, most = -1;
        string holder = string.Empty;
        foreach (ComponentRuntime c in _components.Values)
        {
            double tons = 0;
            foreach (CargoUnit u in c.UnitsHeld())
            {
                tons += u.Tons;
            }

            total += tons;
            if (tons > most)
            {
                (most, holder) = (tons, c.Id);
            }
        }

        if (total > MaxTonsInSystem)
        {
            throw new BacklogLimitException(holder, Simulation.CurrentDate.Year, total, most, MaxTonsInSystem);
        }

        Simulation.Schedule(BacklogCheckInterval, CheckBacklogHandler, this);
    }

    /// <summary>The event log attached to the run; null (the usual case) logs nothing.</summary>
    internal ICorridorEventSink? EventSink { get; }

    /// <summary>Units named in the event log so far (their ids count up from u1).</summary>
    internal long UnitsLogged { get; set; }

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

    /// <summary>Tons diverted (see <see cref="DiversionRule"/>) since the start, warm-up included.</summary>
    public double TotalDivertedTons => _flows.Sum(f => f.TotalDivertedTons);

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

    private double TonsInSystem()
    {
        double tons = 0;
        foreach (ComponentRuntime c in _components.Values)
        {
            tons = c.AddTonsHeld(tons);
        }

        return tons;
    }

    /// <summary>Tons generated since the start, by commodity.</summary>
    public IReadOnlyDictionary<string, double> GeneratedTonsByCommodity() =>
        _flows.GroupBy(f => f.Definition.Commodity, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => g.Sum(f => f.TotalGeneratedTons), StringComparer.Ordinal);

    /// <summary>Tons delivered since the start, by commodity.</summary>
    public IReadOnlyDictionary<string, double> DeliveredTonsByCommodity() =>
        _flows.GroupBy(f => f.Definition.Commodity, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => g.Sum(f => f.TotalDeliveredTons), StringComparer.Ordinal);

    /// <summary>Tons diverted since the start, by commodity.</summary>
    public IReadOnlyDictionary<string, double> DivertedTonsByCommodity() =>
        _flows.GroupBy(f => f.Definition.Commodity, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => g.Sum(f => f.TotalDivertedTons), StringComparer.Ordinal);

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
            unit.Tons = flow.Definition.TonsPerUnit;
            unit.Route = route;
            unit.Step = 0;
            unit.Created = now;
            unit.QueuedAt = now;
            return unit;
        }

        return new CargoUnit { Flow = flow, Tons = flow.Definition.TonsPerUnit, Route = route, Created = now, QueuedAt = now };
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

    private int IndexOfCommodity(string commodity)
    {
        int index = _commodities.IndexOf(commodity);
        if (index < 0)
        {
            index = _commodities.Count;
            _commodities.Add(commodity);
        }

        return index;
    }

    internal void Generated(CargoUnit unit)
    {
        _trackedUnits?.Add(unit);
        if (EventSink is { } log)
        {
            CorridorLog.Generated(log, this, unit);
        }
    }

    /// <summary>Delivers one unit (a block of one, so its transit is tallied as <see cref="DeliverAll"/> tallies it).</summary>
    internal void Deliver(CargoUnit unit) => DeliverAll(new ReadOnlySpan<CargoUnit>(ref unit));

    /// <summary>
    /// Delivers <paramref name="units"/> in order, as <see cref="Deliver"/> one by one would, but with the transit
    /// times tallied as blocks (each flow's over its runs of consecutive units).
    /// </summary>
    internal void DeliverAll(ReadOnlySpan<CargoUnit> units)
    {
        SimTime now = Simulation.Now;
        Span<double> days = TallyScratch;
        for (int start = 0; start < units.Length; start += TallyBlock)
        {
            ReadOnlySpan<CargoUnit> chunk = units.Slice(start, Math.Min(TallyBlock, units.Length - start));
            for (int i = 0; i < chunk.Length; i++)
            {
                days[i] = (now - chunk[i].Created).TotalDays;
            }

            _transitDays.AddAll(days[..chunk.Length]);
            for (int i = 0, j; i < chunk.Length; i = j)
            {
                FlowRuntime f = chunk[i].Flow;
                for (j = i + 1; j < chunk.Length && chunk[j].Flow == f; j++)
                {
                }

                f.TransitDays.AddAll(days[i..j]);
            }

            foreach (CargoUnit u in chunk)
            {
                Delivered(u);
            }
        }
    }

    /// <summary>Counts a delivered unit's tons (its transit already tallied) and recycles it.</summary>
    private void Delivered(CargoUnit unit)
    {
        FlowRuntime f = unit.Flow;
        f.DeliveredTons += unit.Tons;
        f.TotalDeliveredTons += unit.Tons;
        f.DeliveredUnits++;
        if (unit.Created < _yearStart)
        {
            f.DeliveredFromBacklogTons += unit.Tons;
        }

        int c = f.CommodityIndex;
        if (_deliveredByCommodity[c] == 0 && !_deliveredOrder.Contains(c))
        {
            _deliveredOrder.Add(c);
        }

        _deliveredByCommodity[c] += unit.Tons;
        Recycle(unit);
    }

    /// <summary>Scratch values for blocks of waits or transit times on their way to a tally (one run is single-threaded; the tally does not call back).</summary>
    internal double[] TallyScratch { get; } = new double[TallyBlock];

    /// <summary>Observations a block of <see cref="TallyScratch"/> holds.</summary>
    internal const int TallyBlock = 256;

    /// <summary>Scratch list for the units a component removes from a queue to divert them (one run is single-threaded).</summary>
    internal List<CargoUnit> DivertScratch { get; } = [];

    /// <summary>Takes a unit out of the corridor to its flow's alternative; the component has already let go of it.</summary>
    internal void Divert(CargoUnit unit)
    {
        FlowRuntime f = unit.Flow;
        f.DivertedTons += unit.Tons;
        f.TotalDivertedTons += unit.Tons;
        string c = f.Definition.Commodity;
        _divertedByCommodity[c] = _divertedByCommodity.GetValueOrDefault(c) + unit.Tons;
        if (EventSink is { } log)
        {
            CorridorLog.Diverted(log, this, unit);
        }

        Recycle(unit);
    }

    private void Recycle(CargoUnit unit)
    {
        _trackedUnits?.Remove(unit);

        // Units that left are recycled: nothing refers to them any more, and a run at 10 Mt/yr would otherwise
        // allocate (and the GC promote) a quarter of a million units a year.
        unit.Route = [];
        _freeUnits.Push(unit);
    }

    /// <summary>Once a simulated day, the components where diverting flows start let go of the units that waited too long.</summary>
    private async ProcessTask SweepDiversions(SimProcess p)
    {
        var day = SimDuration.FromDays(1);
        while (true)
        {
            await p.Delay(day);
            foreach (ComponentRuntime c in _diversionPoints)
            {
                c.DivertWaiting();
            }
        }
    }

    private RouteStep[] BuildRoute(CargoFlowDefinition flow, RouteDefinition route)
    {
        var steps = new RouteStep[route.Legs.Count];
        string node = flow.Origin;
        for (int i = 0; i < steps.Length; i++)
        {
            ComponentRuntime c = _components[route.Legs[i]];
            _ = Definition.Components.First(d => d.Id == route.Legs[i]).Pass(node, out node, out bool forward);
            steps[i] = new RouteStep(c, forward);
        }

        return steps;
    }

    /// <summary>
    /// Applies <paramref name="investment"/> to the running replication on its date (now, if that has passed), as a
    /// dated investment of the definition would be; a trigger rule decides on it during the run. Its component and
    /// value must be valid for the definition (the caller has checked it).
    /// </summary>
    internal void Invest(InvestmentDefinition investment)
    {
        ComponentRuntime c = _components[investment.Component];
        DateTime at = investment.Date > Simulation.CurrentDate ? investment.Date : Simulation.CurrentDate;
        Simulation.ScheduleAt(Simulation.TimeOf(at), static (_, a) => a(), () => c.Apply(investment));
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

        Array.Clear(_deliveredByCommodity);
        _deliveredOrder.Clear();
        _divertedByCommodity.Clear();
        _transitDays.Reset();
        _yearStart = Simulation.Now;
        _tonsInSystemAtYearStart = TonsInSystem();
        _eventsAtYearStart = Simulation.EventsProcessed;
    }

    private YearResult Collect(int year)
    {
        List<ComponentKpi> components = _components.Values.Select(c => c.Collect()).ToList();
        double generated = _flows.Sum(f => f.GeneratedTons);
        double inSystem = TonsInSystem();
        ComponentKpi? bottleneck = components
            .OrderByDescending(c => c.Utilization)
            .ThenByDescending(c => c.MeanWaitHours)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return new YearResult
        {
            Year = year,
            GeneratedTons = generated,
            DeliveredTons = _flows.Sum(f => f.DeliveredTons),
            DeliveredFromBacklogTons = _flows.Sum(f => f.DeliveredFromBacklogTons),
            DivertedTons = _flows.Sum(f => f.DivertedTons),
            TonsInSystemAtYearStart = _tonsInSystemAtYearStart,
            TonsInSystemAtYearEnd = inSystem,
            Unstable = YearResult.IsUnstable(_tonsInSystemAtYearStart, inSystem, generated),
            DeliveredTonsByCommodity = _deliveredOrder.ToDictionary(c => _commodities[c], c => _deliveredByCommodity[c], StringComparer.Ordinal),
            DivertedTonsByCommodity = new Dictionary<string, double>(_divertedByCommodity, StringComparer.Ordinal),
            Components = components,
            Flows = _flows.Select(f => new FlowKpi
            {
                Id = f.Definition.Id,
                Commodity = f.Definition.Commodity,
                GeneratedTons = f.GeneratedTons,
                DeliveredTons = f.DeliveredTons,
                DeliveredUnits = f.DeliveredUnits,
                DeliveredFromBacklogTons = f.DeliveredFromBacklogTons,
                DivertedTons = f.DivertedTons,
                MeanTransitDays = f.TransitDays.Count > 0 ? f.TransitDays.Mean : double.NaN,
                P50TransitDays = f.TransitDays.Count > 0 ? f.TransitDays.Percentile(0.5) : double.NaN,
                P95TransitDays = f.TransitDays.Count > 0 ? f.TransitDays.Percentile(0.95) : double.NaN,
                TransitHistogram = f.TransitDays.Binned(),
            }).ToList(),
            MeanTransitDays = _transitDays.Count > 0 ? _transitDays.Mean : double.NaN,
            P50TransitDays = _transitDays.Count > 0 ? _transitDays.Percentile(0.5) : double.NaN,
            P95TransitDays = _transitDays.Count > 0 ? _transitDays.Percentile(0.95) : double.NaN,
            TransitHistogram = _transitDays.Binned(),
            Bottleneck = bottleneck?.Id ?? string.Empty,
            Events = Simulation.EventsProcessed - _eventsAtYearStart,
        };
    }
}
