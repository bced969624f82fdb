using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>One unit of cargo on its way: a TEU, a wagon or a tanker load of one flow.</summary>
internal sealed class CargoUnit
{
    public required FlowRuntime Flow;
    public required RouteStep[] Route;
    public int Step;
    public SimTime Created;
    public SimTime QueuedAt;

    public double Tons => Flow.Definition.TonsPerUnit;

    /// <summary>Hands the unit to its next component, or delivers it.</summary>
    public void Advance(CorridorRun run)
    {
        if (Step < Route.Length)
        {
            RouteStep s = Route[Step++];
            QueuedAt = run.Simulation.Now;
            s.Component.Accept(this, s.Forward);
        }
        else
        {
            run.Deliver(this);
        }
    }
}

/// <summary>A leg of a route with its direction (vessel legs can be passed both ways).</summary>
internal readonly record struct RouteStep(ComponentRuntime Component, bool Forward);

/// <summary>A component that cargo passes through.</summary>
internal abstract class ComponentRuntime
{
    protected ComponentRuntime(CorridorRun run, string id, string kind)
    {
        Run = run;
        Id = id;
        Kind = kind;
    }

    public CorridorRun Run { get; }

    public string Id { get; }

    public string Kind { get; }

    public double TonsThrough { get; protected set; }

    public long UnitsThrough { get; protected set; }

    public Tally WaitHours { get; } = Tally.WithBinnedPercentiles();

    public abstract void Accept(CargoUnit unit, bool forward);

    /// <summary>Every unit the component holds now (queued, in transit, aboard); used by conservation checks.</summary>
    public abstract IEnumerable<CargoUnit> UnitsHeld();

    /// <summary>Expected hours for a unit entering now (for route choice): nominal transit plus queue clearing time.</summary>
    public abstract double ExpectedHours(bool forward);

    public abstract ComponentKpi Collect();

    public virtual void ResetStatistics()
    {
        TonsThrough = 0;
        UnitsThrough = 0;
        WaitHours.Reset();
    }

    protected void Moved(CargoUnit unit)
    {
        TonsThrough += unit.Tons;
        UnitsThrough++;
        WaitHours.Add((Run.Simulation.Now - unit.QueuedAt).TotalHours);
    }

    /// <summary>The indicators every component reports; kinds add theirs with a <c>with</c> expression.</summary>
    protected ComponentKpi Kpi(double utilization, Tally waits, double meanQueue) => new()
    {
        Id = Id,
        Kind = Kind,
        TonsThrough = TonsThrough,
        UnitsThrough = UnitsThrough,
        Utilization = utilization,
        MeanWaitHours = MeanOrZero(waits),
        P95WaitHours = P95(waits),
        MeanQueue = meanQueue,
    };

    protected static double P95(Tally t) => t.Count > 0 ? t.Percentile(0.95) : 0;

    protected static double MeanOrZero(Tally t) => t.Count > 0 ? t.Mean : 0;
}

/// <summary>A rail segment, border crossing, transshipment or terminal: forms trains, spaces their departures, moves them.</summary>
internal sealed class StageRuntime : ComponentRuntime
{
    private readonly Resource _slot;
    // One lane per unit type, opened when the first unit of that type arrives: looked up by the unit type's index
    // (no string hashing per unit), enumerated in opening order.
    private readonly Dictionary<string, Store<CargoUnit>> _lanes = new(StringComparer.Ordinal);
    private Store<CargoUnit>?[] _laneByUnit = [];
    // Trains from the moment their first unit is taken from the lane: forming, waiting for the slot, or running.
    private readonly List<Train> _inTransit = [];
    private readonly Stack<Train> _freeTrains = new();
    private readonly RandomStream _stream;
    private double _slowdownFactor = 1;

    public StageRuntime(CorridorRun run, StageDefinition definition)
        : base(run, definition.Id, definition.Kind.ToString().ToLowerInvariant())
    {
        Definition = definition;
        TrainsPerDay = definition.TrainsPerDay;
        _slot = new Resource(run.Simulation, 1, definition.Id);
        _stream = run.Simulation.Stream("stage:" + definition.Id);
    }

    public StageDefinition Definition { get; }

    public double TrainsPerDay { get; set; }

    /// <summary>The capacity factor in force: the smallest of the overlapping slowdowns, 1 when there is none.</summary>
    public double SlowdownFactor => _slowdownFactor;

    public void BeginSlowdown(double factor)
    {
        _activeSlowdowns.Add(factor);
        _slowdownFactor = _activeSlowdowns.Min();
    }

    public void EndSlowdown(double factor)
    {
        _activeSlowdowns.Remove(factor);
        _slowdownFactor = _activeSlowdowns.Count == 0 ? 1 : _activeSlowdowns.Min();
    }

    private readonly List<double> _activeSlowdowns = [];

    private double HeadwayHours => 24.0 / (TrainsPerDay * _slowdownFactor);

    public override void Accept(CargoUnit unit, bool forward)
    {
        int index = unit.Flow.UnitIndex;
        Store<CargoUnit>? lane = index < _laneByUnit.Length ? _laneByUnit[index] : null;
        lane ??= OpenLane(unit.Flow.Definition.Unit, index);
        lane.TryPut(unit);
    }

    // Kept out of Accept: a lambda capturing a local makes the compiler allocate its closure on every call of the
    // method that declares the local, not only when the lambda is created (it was 130 bytes per unit per stage).
    private Store<CargoUnit> OpenLane(string unitId, int index)
    {
        var lane = new Store<CargoUnit>(Run.Simulation, name: Id + "/" + unitId);
        _lanes.Add(unitId, lane);
        if (index >= _laneByUnit.Length)
        {
            Array.Resize(ref _laneByUnit, index + 1);
        }

        _laneByUnit[index] = lane;
        int perTrain = Run.UnitType(unitId).UnitsPerTrain;
        Run.Simulation.Start(p => Dispatch(p, lane, perTrain), Id + "/" + unitId);
        return lane;
    }

    private async ProcessTask Dispatch(SimProcess p, Store<CargoUnit> lane, int perTrain)
    {
        SimDuration maxWait = SimDuration.FromHours(Definition.MaxFormationWaitHours);
        while (true)
        {
            Train train = _freeTrains.Count > 0 ? _freeTrains.Pop() : new Train(this, perTrain);
            CargoUnit first = await p.Get(lane);
            train.Add(first);

            // Held from here, not only once running: while the train forms (GetBatch) and waits for the slot its
            // units are in neither the lane nor a running train, and conservation checks must still count them.
            train.Index = _inTransit.Count;
            _inTransit.Add(train);
            SimDuration waited = p.Now - first.QueuedAt;
            SimDuration left = waited < maxWait ? maxWait - waited : SimDuration.Zero;
            if (perTrain > 1)
            {
                await p.GetBatch(lane, perTrain - 1, left, train);
            }

            using (await p.Request(_slot))
            {
                foreach (CargoUnit u in train)
                {
                    Moved(u);
                }

                double hours = Math.Max(0, Definition.TransitHours.Sample(_stream));
                Run.Simulation.Schedule(SimDuration.FromHours(hours), Arrive, train);
                await p.Delay(SimDuration.FromHours(HeadwayHours));
            }
        }
    }

    private static readonly Action<Simulation, Train> Arrive = static (_, train) =>
    {
        StageRuntime stage = train.Stage;

        // Swap-remove by the index the train keeps: O(1), no hashing.
        List<Train> held = stage._inTransit;
        Train last = held[^1];
        held[train.Index] = last;
        last.Index = train.Index;
        held.RemoveAt(held.Count - 1);
        foreach (CargoUnit u in train)
        {
            u.Advance(stage.Run);
        }

        // Trains are reused: at 10 Mt/yr a fresh list per train was most of what a simulated year allocated.
        train.Clear();
        stage._freeTrains.Push(train);
    };

    /// <summary>The units of one train, from formation to arrival, and where it sits in the stage's list.</summary>
    private sealed class Train(StageRuntime stage, int capacity) : List<CargoUnit>(capacity)
    {
        public StageRuntime Stage { get; } = stage;

        public int Index { get; set; }
    }

    public override IEnumerable<CargoUnit> UnitsHeld()
    {
        foreach (Store<CargoUnit> lane in _lanes.Values)
        {
            for (int i = 0; i < lane.Count; i++)
            {
                yield return lane[i];
            }
        }

        foreach (Train train in _inTransit)
        {
            foreach (CargoUnit u in train)
            {
                yield return u;
            }
        }
    }

    public override double ExpectedHours(bool forward)
    {
        // Queue clearing time: the trains the queued units fill, each lane at its own unit type's train size (not a
        // fixed 50 units), one departure slot per headway shared by all lanes.
        double trainsQueued = 0;
        foreach ((string unitId, Store<CargoUnit> lane) in _lanes)
        {
            trainsQueued += (double)lane.Count / Run.UnitType(unitId).UnitsPerTrain;
        }

        return Definition.TransitHours.Mean + (trainsQueued * HeadwayHours);
    }

    public override ComponentKpi Collect()
    {
        double queue = 0;
        foreach (Store<CargoUnit> lane in _lanes.Values)
        {
            queue += lane.MeanCount;
        }

        return Kpi(_slot.Utilization, WaitHours, queue);
    }

    public override void ResetStatistics()
    {
        base.ResetStatistics();
        _slot.ResetStatistics();
        foreach (Store<CargoUnit> lane in _lanes.Values)
        {
            lane.ResetStatistics();
        }
    }
}

/// <summary>A port: berths, handling, weather closures.</summary>
internal sealed class PortRuntime : ComponentRuntime
{
    private readonly List<SimProcess> _handling = [];
    private readonly RandomStream _handlingStream;
    private readonly RandomStream _stormStream;
    private SimSignal _reopened;
    private int _closuresInForce; // closures (dated or storms) may overlap; the port reopens when the last ends
    private SimTime _closureStarted; // for the log: not moved by a statistics reset
    private SimTime _closedSince;
    private double _closedHours;
    private readonly Tally _portTime = new();
    private long _withinTarget;

    public PortRuntime(CorridorRun run, PortDefinition definition)
        : base(run, definition.Id, "port")
    {
        Definition = definition;
        Berths = new Resource(run.Simulation, definition.Berths, definition.Id);
        _handlingStream = run.Simulation.Stream("port:" + definition.Id + ":handling");
        _stormStream = run.Simulation.Stream("port:" + definition.Id + ":storms");
        _reopened = new SimSignal(run.Simulation);
        _reopened.Trigger();
    }

    public PortDefinition Definition { get; }

    public Resource Berths { get; }

    /// <summary>Hours vessels waited for a berth (the port's wait; cargo waits are the legs').</summary>
    public Tally BerthWaitHours { get; } = Tally.WithBinnedPercentiles();

    public double HandlingFactor { get; set; } = 1;

    public bool IsClosed { get; private set; }

    /// <summary>Closure intervals seen (start, end); for tests and reports.</summary>
    public List<(SimTime Start, SimTime End)> ClosureLog { get; } = [];

    public void StartWeather()
    {
        if (Definition.Storms is not { } storms)
        {
            return;
        }

        foreach (DatedClosure c in storms.Closures)
        {
            // A closure begun before the simulation start still closes the port for what is left of it.
            DateTime simulationStart = Run.Simulation.StartDate;
            DateTime from = c.Start < simulationStart ? simulationStart : c.Start;
            double hours = (c.Start.AddHours(c.DurationHours) - from).TotalHours;
            if (hours <= 0)
            {
                continue;
            }

            SimTime at = Run.Simulation.TimeOf(from);
            Run.Simulation.Start(async p =>
            {
                await p.DelayUntil(at);
                Close();
                await p.Delay(SimDuration.FromHours(hours));
                Reopen();
            }, Id + "/closure");
        }

        if (storms.EpisodesPerMonth.Count == 12 && storms.EpisodesPerMonth.Any(x => x > 0))
        {
            Run.Simulation.Start(p => StormSeason(p, storms), Id + "/storms");
        }
    }

    private async ProcessTask StormSeason(SimProcess p, StormDefinition storms)
    {
        while (true)
        {
            DateTime date = Run.Simulation.CurrentDate;
            var monthStart = new DateTime(date.Year, date.Month, 1, 0, 0, 0, date.Kind);
            DateTime monthEnd = monthStart.AddMonths(1);
            double ratePerHour = storms.EpisodesPerMonth[date.Month - 1] / (monthEnd - monthStart).TotalHours;
            SimTime end = Run.Simulation.TimeOf(monthEnd);
            if (ratePerHour <= 0)
            {
                await p.DelayUntil(end);
                continue;
            }

            double gap = -Math.Log(1 - _stormStream.NextDouble()) / ratePerHour;
            SimTime at = p.Now + SimDuration.FromHours(gap);
            if (at >= end)
            {
                await p.DelayUntil(end); // Memoryless: draw again with next month's rate.
                continue;
            }

            await p.DelayUntil(at);
            double hours = Math.Max(0, storms.DurationHours.Sample(_stormStream));

            // Closures nest: a storm that starts during a dated closure and outlasts it keeps the port closed.
            Close();
            await p.Delay(SimDuration.FromHours(hours));
            Reopen();
        }
    }

    public void Close()
    {
        if (_closuresInForce++ > 0)
        {
            return;
        }

        IsClosed = true;
        _closedSince = Run.Simulation.Now;
        _closureStarted = Run.Simulation.Now;
        _reopened = new SimSignal(Run.Simulation);
        foreach (SimProcess vessel in _handling.ToArray())
        {
            if (vessel.IsWaiting)
            {
                vessel.Interrupt(PortClosed.Instance);
            }
        }
    }

    public void Reopen()
    {
        if (_closuresInForce == 0 || --_closuresInForce > 0)
        {
            return;
        }

        IsClosed = false;
        _closedHours += (Run.Simulation.Now - _closedSince).TotalHours;
        ClosureLog.Add((_closureStarted, Run.Simulation.Now));
        _reopened.Trigger();
    }

    /// <summary>Waits while the port is closed.</summary>
    public async Task WaitOpen(SimProcess p)
    {
        while (IsClosed)
        {
            await p.Wait(_reopened);
        }
    }

    /// <summary>Takes a berth (recording the wait), handles the vessel once (load or unload), and frees the berth.</summary>
    public async Task BerthAndHandle(SimProcess p)
    {
        SimTime queued = p.Now;
        using (await p.Request(Berths))
        {
            BerthWaitHours.Add((p.Now - queued).TotalHours);
            await Handle(p);
        }
    }

    /// <summary>One handling operation (load or unload) of a vessel at a berth it holds; pauses while the port is closed.</summary>
    public async Task Handle(SimProcess p)
    {
        double remaining = Math.Max(0, Definition.HandlingHours.Sample(_handlingStream) * HandlingFactor);
        while (remaining > 1e-9)
        {
            await WaitOpen(p);
            SimTime start = p.Now;
            _handling.Add(p);
            try
            {
                await p.Delay(SimDuration.FromHours(remaining));
                remaining = 0;
            }
            catch (ProcessInterruptedException ex) when (ex.Cause is PortClosed)
            {
                remaining -= (p.Now - start).TotalHours;
            }
            finally
            {
                _handling.Remove(p);
            }
        }
    }

    public void RecordCall(SimDuration portTime, double tons, long units)
    {
        _portTime.Add(portTime.TotalHours);
        if (portTime.TotalHours <= Definition.PortTimeTargetHours)
        {
            _withinTarget++;
        }

        TonsThrough += tons;
        UnitsThrough += units;
    }

    public override void Accept(CargoUnit unit, bool forward) =>
        throw new InvalidOperationException($"Port '{Id}' is not a route leg; routes pass vessel legs.");

    public override IEnumerable<CargoUnit> UnitsHeld() => [];

    public override double ExpectedHours(bool forward) => 0;

    public override ComponentKpi Collect()
    {
        double closed = _closedHours + (IsClosed ? (Run.Simulation.Now - _closedSince).TotalHours : 0);
        return Kpi(Berths.Utilization, BerthWaitHours, Berths.MeanQueueLength) with
        {
            MeanPortTimeHours = _portTime.Count > 0 ? _portTime.Mean : 0,
            ShareWithinPortTimeTarget = _portTime.Count > 0 ? (double)_withinTarget / _portTime.Count : 1,
            ClosedHours = closed,
        };
    }

    public override void ResetStatistics()
    {
        base.ResetStatistics();
        Berths.ResetStatistics();
        BerthWaitHours.Reset();
        _portTime.Reset();
        _withinTarget = 0;
        _closedHours = 0;
        if (IsClosed)
        {
            _closedSince = Run.Simulation.Now;
        }
    }

    /// <summary>The cause given when a storm interrupts handling.</summary>
    internal sealed class PortClosed
    {
        public static readonly PortClosed Instance = new();

        public override string ToString() => "port closed by weather";
    }
}

/// <summary>A vessel leg: a fleet rotating between two ports.</summary>
internal sealed class VesselLegRuntime : ComponentRuntime
{
    private readonly Store<CargoUnit> _queueA;
    private readonly Store<CargoUnit> _queueB;
    private readonly List<List<CargoUnit>> _aboard = [];
    private readonly RandomStream _stream;
    private double? _loadFactorOverride;
    private int _vesselCount;
    private readonly TimeWeighted _inService;
    private readonly TimeWeighted _idle;
    private int _vesselsInService;
    private int _vesselsIdle;
    private double _capacityInService; // units at full draft of the vessels in service (defined or added by investments)

    public VesselLegRuntime(CorridorRun run, VesselLegDefinition definition, PortRuntime a, PortRuntime b)
        : base(run, definition.Id, definition.Kind)
    {
        Definition = definition;
        PortA = a;
        PortB = b;
        _queueA = new Store<CargoUnit>(run.Simulation, name: definition.Id + "@" + a.Id);
        _queueB = new Store<CargoUnit>(run.Simulation, name: definition.Id + "@" + b.Id);
        _stream = run.Simulation.Stream("leg:" + definition.Id);
        _inService = new TimeWeighted(run.Simulation.Now);
        _idle = new TimeWeighted(run.Simulation.Now);
    }

    public VesselLegDefinition Definition { get; }

    public PortRuntime PortA { get; }

    public PortRuntime PortB { get; }

    public int Voyages { get; private set; }

    public void SetLoadFactor(double value) => _loadFactorOverride = value;

    public double LoadFactor
    {
        get
        {
            if (_loadFactorOverride is { } o)
            {
                return o;
            }

            IReadOnlyDictionary<int, double> table = Definition.LoadFactorByYear;
            if (table.Count == 0)
            {
                return 1;
            }

            int year = Run.Simulation.CurrentDate.Year;
            if (year != _loadFactorYear)
            {
                // Looked up once per simulated year (route choice asks for it per unit).
                _loadFactorYear = year;
                _loadFactorOfYear = NearestYear(table, year);
            }

            return _loadFactorOfYear;
        }
    }

    private int _loadFactorYear = int.MinValue;

    /// <summary>The value of the listed year nearest to <paramref name="year"/> (the earlier one on a tie).</summary>
    private static double NearestYear(IReadOnlyDictionary<int, double> table, int year)
    {
        int best = table.Keys.OrderBy(y => Math.Abs(y - year)).ThenBy(y => y).First();
        return table[best];
    }
    private double _loadFactorOfYear;

    public void AddVessel(VesselDefinition vessel, SimTime from)
    {
        bool startAtA = _vesselCount++ % 2 == 0;
        Run.Simulation.Start(p => Sail(p, vessel, from, startAtA), Id + "/" + vessel.Name);
    }

    public override void Accept(CargoUnit unit, bool forward) => (forward ? _queueA : _queueB).TryPut(unit);

    private async ProcessTask Sail(SimProcess p, VesselDefinition vessel, SimTime from, bool startAtA)
    {
        if (from > p.Now)
        {
            await p.DelayUntil(from);
        }

        _inService.Update(p.Now, ++_vesselsInService);
        _capacityInService += vessel.CapacityUnits;
        bool atA = startAtA;
        var cargo = new List<CargoUnit>(vessel.CapacityUnits);
        var unloading = new List<CargoUnit>(vessel.CapacityUnits);
        _aboard.Add(cargo);
        SimDuration maxWaitA = SimDuration.FromHours(Definition.MaxWaitHours);
        SimDuration maxWaitB = SimDuration.FromHours(Definition.BackhaulMaxWaitHours);
        SimDuration interval = SimDuration.FromHours(Definition.TimetableIntervalHours);
        SimTime nextSlot = p.Now;
        while (true)
        {
            PortRuntime port = atA ? PortA : PortB;
            SimTime arrived = p.Now;
            long unitsHandled = 0;
            double tonsHandled = 0;

            // Unload what came across.
            await port.WaitOpen(p);
            if (cargo.Count > 0)
            {
                await port.BerthAndHandle(p);
                foreach (CargoUnit u in cargo)
                {
                    tonsHandled += u.Tons;
                }

                unitsHandled += cargo.Count;
                // Hand over from a second list the vessel keeps, so that `cargo` is empty (and the units counted
                // where they go next, not aboard) before any of them moves on.
                unloading.AddRange(cargo);
                cargo.Clear();
                foreach (CargoUnit u in unloading)
                {
                    u.Advance(Run);
                }

                unloading.Clear();
            }

            // Load for the other side.
            Store<CargoUnit> queue = atA ? _queueA : _queueB;
            int capacity = Math.Max(1, (int)Math.Floor(vessel.CapacityUnits * LoadFactor));

            // Idle means waiting for cargo at the loading end (port A). The wait allowed at the backhaul end is the
            // departure policy's, not spare capacity: counting it would keep a saturated fleet below 100 %.
            if (atA)
            {
                _idle.Update(p.Now, ++_vesselsIdle);
            }

            if (Definition.Departure == DepartureRule.Timetable)
            {
                while (nextSlot < p.Now)
                {
                    nextSlot += interval;
                }

                await p.DelayUntil(nextSlot);
                nextSlot += interval;
                while (cargo.Count < capacity && queue.TryGet(out CargoUnit? u))
                {
                    cargo.Add(u);
                }
            }
            else
            {
                await p.GetBatch(queue, capacity, atA ? maxWaitA : maxWaitB, cargo);
            }

            if (atA)
            {
                _idle.Update(p.Now, --_vesselsIdle);
            }

            if (cargo.Count > 0)
            {
                await port.BerthAndHandle(p);
                foreach (CargoUnit u in cargo)
                {
                    Moved(u);
                    tonsHandled += u.Tons;
                }

                unitsHandled += cargo.Count;
            }

            await port.WaitOpen(p);

            // Only calls that worked cargo count as port calls: a vessel passing through with nothing to unload or
            // load never berthed, and its zero (or cargo-wait only) stay would pull the mean port time below the
            // handling time and inflate the share within the port-time target.
            if (unitsHandled > 0)
            {
                port.RecordCall(p.Now - arrived, tonsHandled, unitsHandled);
            }

            Voyages++;
            await p.Delay(SimDuration.FromHours(Math.Max(0, Definition.SailingHours.Sample(_stream))));
            atA = !atA;
        }
    }

    /// <summary>Share of vessel time in service not spent idle waiting for cargo.</summary>
    private double FleetUtilization()
    {
        double service = _inService.Integral(Run.Simulation.Now);
        return service <= 0 ? 0 : 1 - (_idle.Integral(Run.Simulation.Now) / service);
    }

    public override IEnumerable<CargoUnit> UnitsHeld()
    {
        foreach (Store<CargoUnit> q in new[] { _queueA, _queueB })
        {
            for (int i = 0; i < q.Count; i++)
            {
                yield return q[i];
            }
        }

        foreach (List<CargoUnit> cargo in _aboard)
        {
            foreach (CargoUnit u in cargo)
            {
                yield return u;
            }
        }
    }

    public override double ExpectedHours(bool forward)
    {
        // Nominal transit: loading where the unit boards, sailing, unloading at the other end (each port's own handling
        // time and investment factor, not Port A's twice). Queue clearing: the fleet in service now, which includes
        // vessels added by investments and excludes those not yet in service (the definition's list is neither).
        int queued = (forward ? _queueA : _queueB).Count;
        PortRuntime from = forward ? PortA : PortB;
        PortRuntime to = forward ? PortB : PortA;
        double load = from.Definition.HandlingHours.Mean * from.HandlingFactor;
        double unload = to.Definition.HandlingHours.Mean * to.HandlingFactor;
        double sail = Definition.SailingHours.Mean;
        double capacityPerVoyage = _capacityInService * LoadFactor;
        double roundTrip = (2 * sail) + (2 * (load + unload));
        double unitsPerHour = Math.Max(1e-9, capacityPerVoyage / Math.Max(1e-9, roundTrip));
        return load + sail + unload + (queued / unitsPerHour);
    }

    public override ComponentKpi Collect() => Kpi(FleetUtilization(), WaitHours, _queueA.MeanCount + _queueB.MeanCount);

    public override void ResetStatistics()
    {
        base.ResetStatistics();
        _queueA.ResetStatistics();
        _queueB.ResetStatistics();
        _inService.Reset(Run.Simulation.Now);
        _idle.Reset(Run.Simulation.Now);
    }
}
