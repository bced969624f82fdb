using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>
/// A road leg: trucks queue for a gate lane, first come first served, are processed, then drive on. Driven by events,
/// not a process per truck: a saturated gate holds tens of thousands of trucks, and a process each (four objects, an
/// exception when diverted) made that probe's garbage collection its largest cost. A truck joins the gate when its
/// unit is accepted and starts processing when granted a lane, in the same handler: two events a truck (processed,
/// arrived) where a process took four (its start and its resume after the grant were events of their own, at the
/// same instant). The lanes keep the statistics an engine <see cref="Resource"/> keeps.
/// </summary>
internal sealed class RoadLegRuntime : ComponentRuntime
{
    private static readonly Action<Simulation, Truck> ProcessedHandler = static (_, t) => t.Leg.Processed(t);
    private static readonly Action<Simulation, Truck> ArrivedHandler = static (_, t) => t.Leg.Arrived(t);
    private static readonly Action<Simulation, Truck> DivertedHandler = static (_, t) => t.Leg.Diverted(t);

    private readonly RandomStream _processing;
    private readonly RandomStream _haul;
    // Trucks from acceptance to arrival, in acceptance order (deterministic enumeration; a saturated leg holds many).
    private readonly TicketList<CargoUnit> _held = new();
    // Trucks queued for a lane, in arrival order (the diversion scan's: the oldest first).
    private readonly TicketList<Truck> _queue = new();
    private readonly List<Truck> _diverting = [];
    private readonly Stack<Truck> _free = new();
    // The lanes' statistics, kept as an engine Resource keeps them: lanes in use, lanes over time, trucks queued.
    private readonly TimeWeighted _busy;
    private readonly TimeWeighted _capacityOverTime;
    private readonly TimeWeighted _queueLength;
    private int _lanes;
    private int _inUse;
    private long _trucksLogged;

    public RoadLegRuntime(CorridorRun run, RoadLegDefinition definition)
        : base(run, definition.Id, "road")
    {
        Definition = definition;
        _lanes = definition.Lanes;
        SimTime now = run.Simulation.Now;
        _busy = new TimeWeighted(now);
        _capacityOverTime = new TimeWeighted(now, _lanes);
        _queueLength = new TimeWeighted(now);
        _processing = run.Simulation.Stream("road:" + definition.Id + ":processing");
        _haul = run.Simulation.Stream("road:" + definition.Id + ":haul");
        _meanProcessingHours = definition.ProcessingHours.Mean;
        _meanHaulHours = definition.HaulHours.Mean;
    }

    public RoadLegDefinition Definition { get; }

    public double ProcessingFactor { get; private set; } = 1;

    private SimTime Now => Run.Simulation.Now;

    public override void Accept(CargoUnit unit, bool forward)
    {
        Truck t = _free.Count > 0 ? _free.Pop() : new Truck(this);
        t.Unit = unit;
        t.Held = _held.Add(unit);
        if (_queue.Count == 0 && _inUse < _lanes)
        {
            Grant();
            BeginProcessing(t);
            return;
        }

        t.Queued = _queue.Add(t);
        _queueLength.Update(Now, _queue.Count);
    }

    private void BeginProcessing(Truck t)
    {
        CargoUnit unit = t.Unit;
        Moved(unit);
        if (Run.EventSink is { } log)
        {
            t.LogId = CorridorLog.Numbered(Id, ++_trucksLogged);
            CorridorLog.Vehicle(log, Now, CorridorEventKind.Start, CorridorEntityKind.Truck, t.LogId, this, null, unit.Tons);
            CorridorLog.Unit(log, Now, CorridorEventKind.Start, unit, this, true, t.LogId);
        }

        Run.Simulation.Schedule(SimDuration.FromHours(Math.Max(0, Definition.ProcessingHours.Sample(_processing) * ProcessingFactor)), ProcessedHandler, t);
    }

    private void Processed(Truck t)
    {
        Release();
        if (t.LogId is not null && Run.EventSink is { } log)
        {
            CorridorLog.Vehicle(log, Now, CorridorEventKind.Depart, CorridorEntityKind.Truck, t.LogId, this, null, t.Unit.Tons);
        }

        Run.Simulation.Schedule(SimDuration.FromHours(Math.Max(0, Definition.HaulHours.Sample(_haul))), ArrivedHandler, t);
    }

    private void Arrived(Truck t)
    {
        CargoUnit unit = t.Unit;
        if (t.LogId is not null && Run.EventSink is { } log)
        {
            CorridorLog.Vehicle(log, Now, CorridorEventKind.Arrive, CorridorEntityKind.Truck, t.LogId, this, null, unit.Tons);
            CorridorLog.Unit(log, Now, CorridorEventKind.End, unit, this, true, t.LogId);
        }

        _held.Remove(t.Held);
        Recycle(t);
        unit.Advance(Run);
    }

    private void Grant()
    {
        _inUse++;
        _busy.Update(Now, _inUse);
    }

    // A lane given back serves the queue at once, as a released lease does.
    private void Release()
    {
        _inUse--;
        _busy.Update(Now, _inUse);
        GrantWaiting();
    }

    // Serves the queue while lanes are free; each truck served starts processing at once.
    private void GrantWaiting()
    {
        while (_queue.Count > 0 && _inUse < _lanes)
        {
            Truck next = _queue.First;
            _queue.Remove(next.Queued);
            _queueLength.Update(Now, _queue.Count);
            Grant();
            BeginProcessing(next);
        }
    }

    public override void DivertWaiting()
    {
        long now = Now.Ticks;
        foreach (Truck t in _queue)
        {
            long waited = now - t.Unit.QueuedAt.Ticks;
            if (waited <= DivertAfterTicks)
            {
                break; // the rest queued later
            }

            if (t.Unit.Step == 1 && waited > t.Unit.Flow.DivertAfterTicks)
            {
                _diverting.Add(t);
            }
        }

        // Taken from the queue after the scan: each leaves later, at its own event.
        foreach (Truck t in _diverting)
        {
            _queue.Remove(t.Queued);
            _queueLength.Update(Now, _queue.Count);
            Run.Simulation.Schedule(SimDuration.Zero, DivertedHandler, t);
        }

        _diverting.Clear();
    }

    private void Diverted(Truck t)
    {
        CargoUnit unit = t.Unit;
        _held.Remove(t.Held);
        Recycle(t);
        Run.Divert(unit);
    }

    private void Recycle(Truck t)
    {
        t.Unit = null!;
        t.LogId = null;
        _free.Push(t);
    }

    public override void Apply(InvestmentDefinition investment)
    {
        if (investment.Kind == InvestmentKind.Lanes)
        {
            _lanes = (int)investment.Value;
            _capacityOverTime.Update(Now, _lanes);
            GrantWaiting();
        }
        else
        {
            ProcessingFactor = investment.Value;
        }
    }

    public override IEnumerable<CargoUnit> UnitsHeld() => _held;

    public override double AddTonsHeld(double tons)
    {
        foreach (CargoUnit u in _held)
        {
            tons += u.Tons;
        }

        return tons;
    }

    // The definition's means, read by route choice for every unit that weighs this leg (the definition does not change).
    private readonly double _meanProcessingHours, _meanHaulHours;

    public override double ExpectedHours(bool forward)
    {
        double processing = _meanProcessingHours * ProcessingFactor;
        return processing + _meanHaulHours + (_queue.Count * processing / _lanes);
    }

    public override ComponentKpi Collect()
    {
        double lanes = _capacityOverTime.Integral(Now);
        double utilization = lanes <= 0 ? 0 : _busy.Integral(Now) / lanes;
        return Kpi(utilization, WaitHours, _queueLength.Mean(Now));
    }

    public override void ResetStatistics()
    {
        base.ResetStatistics();
        SimTime now = Now;
        _busy.Reset(now);
        _capacityOverTime.Reset(now);
        _queueLength.Reset(now);
    }

    /// <summary>A truck on the leg: its unit, its tickets in the leg's lists (recycled when it leaves).</summary>
    private sealed class Truck(RoadLegRuntime leg)
    {
        public readonly RoadLegRuntime Leg = leg;
        public CargoUnit Unit = null!;
        public long Held;
        public long Queued;
        public string? LogId;
    }
}
