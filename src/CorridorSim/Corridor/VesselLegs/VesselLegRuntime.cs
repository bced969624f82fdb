using System.Runtime.InteropServices;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>A vessel leg: a fleet rotating between two ports.</summary>
internal sealed class VesselLegRuntime : ComponentRuntime
{
    private readonly Store<CargoUnit> _queueA;
    private readonly Store<CargoUnit> _queueB;
    private readonly List<List<CargoUnit>> _aboard = [];
    private readonly RandomStream _stream;
    private double? _loadFactorOverride;
    private int _vesselCount;
    private readonly FleetTime _fleetTime;
    // The loading turn at port A: one vessel at a time waits for and collects cargo, the others wait behind it, so
    // that units fill one vessel instead of one unit boarding each waiting vessel.
    private readonly Resource _loadingTurn;
    private double _capacityInService; // units at full draft of the vessels in service (defined or added by investments)
    private long _voyagesLogged;

    public VesselLegRuntime(CorridorRun run, VesselLegDefinition definition)
        : base(run, definition.Id, definition.Kind)
    {
        Definition = definition;
        _meanSailingHours = definition.SailingHours.Mean;
        _queueA = new Store<CargoUnit>(run.Simulation, name: definition.Id + "@" + definition.PortA);
        _queueB = new Store<CargoUnit>(run.Simulation, name: definition.Id + "@" + definition.PortB);
        _stream = run.Simulation.Stream("leg:" + definition.Id);
        _fleetTime = new FleetTime(run.Simulation);
        _loadingTurn = new Resource(run.Simulation, 1, definition.Id + "/loading turn");
    }

    public VesselLegDefinition Definition { get; }

    public PortRuntime PortA { get; private set; } = null!;

    public PortRuntime PortB { get; private set; } = null!;

    /// <summary>Finds the ports (every runtime exists by now) and puts the fleet into service.</summary>
    public override void Start()
    {
        PortA = (PortRuntime)Run.Component(Definition.PortA);
        PortB = (PortRuntime)Run.Component(Definition.PortB);
        foreach (VesselDefinition vessel in Definition.Vessels)
        {
            AddVessel(vessel, vessel.InServiceFrom is { } d && d > Run.Simulation.StartDate ? Run.Simulation.TimeOf(d) : SimTime.Zero);
        }
    }

    public override void Apply(InvestmentDefinition investment)
    {
        if (investment.Kind == InvestmentKind.LoadFactor)
        {
            SetLoadFactor(investment.Value);
            return;
        }

        foreach (VesselDefinition v in investment.Vessels)
        {
            AddVessel(v, Run.Simulation.Now);
        }
    }

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

            if (Definition.LoadFactorByYear.Count == 0)
            {
                return 1;
            }

            int year = Run.Simulation.CurrentDate.Year;
            if (year != _loadFactorYear)
            {
                // Looked up once per simulated year (route choice asks for it per unit).
                _loadFactorYear = year;
                _loadFactorOfYear = Definition.TableLoadFactor(year);
            }

            return _loadFactorOfYear;
        }
    }

    private int _loadFactorYear = int.MinValue;

    private double _loadFactorOfYear;

    public void AddVessel(VesselDefinition vessel, SimTime from)
    {
        bool startAtA = _vesselCount++ % 2 == 0;
        Run.Simulation.Start(p => Sail(p, vessel, from, startAtA), Id + "/" + vessel.Name);
    }

    public override void Accept(CargoUnit unit, bool forward) => (forward ? _queueA : _queueB).TryPut(unit);

    public override void AcceptAll(ReadOnlySpan<CargoUnit> units, bool forward) => (forward ? _queueA : _queueB).TryPutAll(units);

    public override string? PortAt(bool forward) => forward ? Definition.PortA : Definition.PortB;

    public override void DivertWaiting()
    {
        DivertFrom(_queueA);
        DivertFrom(_queueB);
    }

    private async ProcessTask Sail(SimProcess p, VesselDefinition vessel, SimTime from, bool startAtA)
    {
        if (from > p.Now)
        {
            await p.DelayUntil(from);
        }

        var clock = new VesselClock(_fleetTime);
        _capacityInService += vessel.CapacityUnits;
        bool atA = startAtA;
        var cargo = new List<CargoUnit>(vessel.CapacityUnits);
        var unloading = new List<CargoUnit>(vessel.CapacityUnits);
        _aboard.Add(cargo);
        SimDuration maxWaitA = SimDuration.FromHours(Definition.MaxWaitHours);
        SimDuration maxWaitB = SimDuration.FromHours(Definition.BackhaulMaxWaitHours);
        SimDuration interval = SimDuration.FromHours(Definition.TimetableIntervalHours);
        SimTime nextSlot = p.Now;
        string? voyage = null; // the voyage's id in the event log: set only when a log is attached
        while (true)
        {
            PortRuntime port = atA ? PortA : PortB;
            SimTime arrived = p.Now;
            long unitsHandled = 0;
            double tonsHandled = 0;
            if (voyage is not null && Run.EventSink is { } arriveLog)
            {
                CorridorLog.Vehicle(arriveLog, p.Now, CorridorEventKind.Arrive, CorridorEntityKind.VesselVoyage, voyage, this, port.Id, CorridorLog.Tons(cargo));
            }

            // Unload what came across.
            clock.Set(atA ? VesselActivity.Idle : VesselActivity.WaitingForBackhaul);
            await port.WaitOpen(p, clock);
            if (cargo.Count > 0)
            {
                LogBerth(CorridorEventKind.Queue, voyage, port, cargo, p.Now);
                await port.BerthAndHandle(p, clock, voyage is null ? null : this, voyage, voyage is null ? 0 : CorridorLog.Tons(cargo));
                foreach (CargoUnit u in cargo)
                {
                    tonsHandled += u.Tons;
                }

                if (voyage is not null && Run.EventSink is { } unloadLog)
                {
                    LogBerth(CorridorEventKind.End, voyage, port, cargo, p.Now);
                    CorridorLog.Units(unloadLog, p.Now, CorridorEventKind.End, cargo, this, port.Id, voyage);
                }

                unitsHandled += cargo.Count;
                // Hand over from a second list the vessel keeps, so that `cargo` is empty (and the units counted
                // where they go next, not aboard) before any of them moves on.
                unloading.AddRange(cargo);
                cargo.Clear();
                CargoUnit.AdvanceAll(unloading, Run);

                unloading.Clear();
            }

            // Load for the other side.
            if (Run.EventSink is not null)
            {
                voyage = Id + "/" + vessel.Name + "#" + (++_voyagesLogged).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            Store<CargoUnit> queue = atA ? _queueA : _queueB;
            int capacity = Math.Max(1, (int)Math.Floor(vessel.CapacityUnits * LoadFactor));

            // Idle means waiting for cargo at the loading end (port A). The wait allowed at the backhaul end is the
            // departure policy's, not spare capacity: counting it would keep a saturated fleet below 100 %.
            clock.Set(atA ? VesselActivity.Idle : VesselActivity.WaitingForBackhaul);
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
            else if (atA)
            {
                // The max-wait clock starts with the first unit aboard: the vessel waits for it however long it takes
                // (only a timetable sails empty), then leaves when full or when that unit has waited maxWaitHours.
                using (await p.Request(_loadingTurn))
                {
                    CargoUnit first = await p.Get(queue);
                    cargo.Add(first);
                    SimDuration waited = p.Now - first.QueuedAt;
                    if (capacity > 1)
                    {
                        await p.GetBatch(queue, capacity - 1, waited < maxWaitA ? maxWaitA - waited : SimDuration.Zero, cargo);
                    }
                }
            }
            else
            {
                // The backhaul end: take what comes within the wait and return, empty if need be.
                await p.GetBatch(queue, capacity, maxWaitB, cargo);
            }

            if (cargo.Count > 0)
            {
                LogBerth(CorridorEventKind.Queue, voyage, port, cargo, p.Now);
                await port.BerthAndHandle(p, clock, voyage is null ? null : this, voyage, voyage is null ? 0 : CorridorLog.Tons(cargo));
                MovedAll(cargo);
                if (voyage is not null && Run.EventSink is { } loadLog)
                {
                    LogBerth(CorridorEventKind.End, voyage, port, cargo, p.Now);
                    CorridorLog.Units(loadLog, p.Now, CorridorEventKind.Transship, cargo, this, port.Id, voyage);
                }

                foreach (CargoUnit u in cargo)
                {
                    tonsHandled += u.Tons;
                }

                unitsHandled += cargo.Count;
            }

            await port.WaitOpen(p, clock);

            // Only calls that worked cargo count as port calls: a vessel passing through with nothing to unload or
            // load never berthed, and its zero (or cargo-wait only) stay would pull the mean port time below the
            // handling time and inflate the share within the port-time target.
            if (unitsHandled > 0)
            {
                port.RecordCall(p.Now - arrived, tonsHandled, unitsHandled);
            }

            if (voyage is not null && Run.EventSink is { } departLog)
            {
                CorridorLog.Vehicle(departLog, p.Now, CorridorEventKind.Depart, CorridorEntityKind.VesselVoyage, voyage, this, port.Id, CorridorLog.Tons(cargo));
                CorridorLog.Units(departLog, p.Now, CorridorEventKind.Start, cargo, this, port.Id, voyage);
            }

            Voyages++;
            clock.Set(VesselActivity.Sailing);
            await p.Delay(SimDuration.FromHours(Math.Max(0, Definition.SailingHours.Sample(_stream))));
            atA = !atA;
        }
    }

    /// <summary>Logs a voyage's berth event at <paramref name="port"/> (queue for a berth, handling ended), when a log is attached.</summary>
    private void LogBerth(CorridorEventKind kind, string? voyage, PortRuntime port, List<CargoUnit> cargo, SimTime now)
    {
        if (voyage is not null && Run.EventSink is { } log)
        {
            CorridorLog.Vehicle(log, now, kind, CorridorEntityKind.VesselVoyage, voyage, this, port.Id, CorridorLog.Tons(cargo));
        }
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

    public override double AddTonsHeld(double tons)
    {
        tons = AddTons(AddTons(tons, _queueA.Items), _queueB.Items);
        foreach (List<CargoUnit> cargo in _aboard)
        {
            tons = AddTons(tons, CollectionsMarshal.AsSpan(cargo));
        }

        return tons;
    }

    // The definition's mean sailing time, read by route choice for every unit that weighs this leg.
    private readonly double _meanSailingHours;

    public override double ExpectedHours(bool forward)
    {
        // Nominal transit: loading where the unit boards, sailing, unloading at the other end (each port's own handling
        // time and investment factor, not Port A's twice). Queue clearing: the fleet in service now, which includes
        // vessels added by investments and excludes those not yet in service (the definition's list is neither).
        int queued = (forward ? _queueA : _queueB).Count;
        PortRuntime from = forward ? PortA : PortB;
        PortRuntime to = forward ? PortB : PortA;
        double load = from.MeanHandlingHours * from.HandlingFactor;
        double unload = to.MeanHandlingHours * to.HandlingFactor;
        double sail = _meanSailingHours;
        double capacityPerVoyage = _capacityInService * LoadFactor;
        double roundTrip = (2 * sail) + (2 * (load + unload));
        double unitsPerHour = Math.Max(1e-9, capacityPerVoyage / Math.Max(1e-9, roundTrip));
        return load + sail + unload + (queued / unitsPerHour);
    }

    public override ComponentKpi Collect()
    {
        ComponentTimeStates states = _fleetTime.Shares();
        return Kpi(states.Sailing + states.Loading + states.WaitingForBackhaul, WaitHours, _queueA.MeanCount + _queueB.MeanCount) with
        {
            TimeStates = states,
        };
    }

    public override void ResetStatistics()
    {
        base.ResetStatistics();
        _queueA.ResetStatistics();
        _queueB.ResetStatistics();
        _fleetTime.Reset();
    }
}
