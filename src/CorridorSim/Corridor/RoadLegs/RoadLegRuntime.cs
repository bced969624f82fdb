using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>A road leg: trucks queue for a gate lane, are processed, then drive on; one process per truck.</summary>
internal sealed class RoadLegRuntime : ComponentRuntime
{
    private readonly Resource _lanes;
    private readonly RandomStream _processing;
    private readonly RandomStream _haul;
    // Trucks from acceptance to arrival, in acceptance order (deterministic enumeration; a saturated leg holds many).
    private readonly TicketList<CargoUnit> _held = new();
    // Trucks queued for a lane, in acceptance order, with their processes (diversion interrupts the wait).
    private readonly TicketList<(CargoUnit Unit, SimProcess Process)> _waiting = new();
    private readonly List<SimProcess> _diverting = [];
    private long _trucksLogged;

    public RoadLegRuntime(CorridorRun run, RoadLegDefinition definition)
        : base(run, definition.Id, "road")
    {
        Definition = definition;
        _lanes = new Resource(run.Simulation, definition.Lanes, definition.Id);
        _processing = run.Simulation.Stream("road:" + definition.Id + ":processing");
        _haul = run.Simulation.Stream("road:" + definition.Id + ":haul");
    }

    public RoadLegDefinition Definition { get; }

    public double ProcessingFactor { get; private set; } = 1;

    public override void Accept(CargoUnit unit, bool forward)
    {
        long held = _held.Add(unit);
        Run.Simulation.Start(p => Pass(p, unit, held), Id);
    }

    private async ProcessTask Pass(SimProcess p, CargoUnit unit, long held)
    {
        long waiting = _waiting.Add((unit, p));
        ResourceLease lease;
        try
        {
            lease = await p.Request(_lanes);
        }
        catch (ProcessInterruptedException ex) when (ex.Cause is Diverted)
        {
            _waiting.Remove(waiting);
            _held.Remove(held);
            Run.Divert(unit);
            return;
        }

        _waiting.Remove(waiting);
        string? truck = null;
        using (lease)
        {
            Moved(unit);
            if (Run.EventSink is { } log)
            {
                truck = CorridorLog.Numbered(Id, ++_trucksLogged);
                CorridorLog.Vehicle(log, p.Now, CorridorEventKind.Start, CorridorEntityKind.Truck, truck, this, null, unit.Tons);
                CorridorLog.Unit(log, p.Now, CorridorEventKind.Start, unit, this, true, truck);
            }

            await p.Delay(SimDuration.FromHours(Math.Max(0, Definition.ProcessingHours.Sample(_processing) * ProcessingFactor)));
        }

        if (truck is not null && Run.EventSink is { } departLog)
        {
            CorridorLog.Vehicle(departLog, p.Now, CorridorEventKind.Depart, CorridorEntityKind.Truck, truck, this, null, unit.Tons);
        }

        await p.Delay(SimDuration.FromHours(Math.Max(0, Definition.HaulHours.Sample(_haul))));
        if (truck is not null && Run.EventSink is { } arriveLog)
        {
            CorridorLog.Vehicle(arriveLog, p.Now, CorridorEventKind.Arrive, CorridorEntityKind.Truck, truck, this, null, unit.Tons);
            CorridorLog.Unit(arriveLog, p.Now, CorridorEventKind.End, unit, this, true, truck);
        }

        _held.Remove(held);
        unit.Advance(Run);
    }

    public override void DivertWaiting()
    {
        long now = Run.Simulation.Now.Ticks;
        foreach ((CargoUnit unit, SimProcess process) in _waiting)
        {
            long waited = now - unit.QueuedAt.Ticks;
            if (waited <= DivertAfterTicks)
            {
                break; // the rest queued later
            }

            if (unit.Step == 1 && waited > unit.Flow.DivertAfterTicks && process.IsWaiting)
            {
                _diverting.Add(process);
            }
        }

        // Interrupted after the scan: each resumes later, in its own catch, and leaves the list then.
        foreach (SimProcess process in _diverting)
        {
            process.Interrupt(Diverted.Instance);
        }

        _diverting.Clear();
    }

    /// <summary>The cause given when a truck gives up waiting for a lane.</summary>
    private sealed class Diverted
    {
        public static readonly Diverted Instance = new();

        public override string ToString() => "diverted after waiting too long";
    }

    public override void Apply(InvestmentDefinition investment)
    {
        if (investment.Kind == InvestmentKind.Lanes)
        {
            _lanes.SetCapacity((int)investment.Value);
        }
        else
        {
            ProcessingFactor = investment.Value;
        }
    }

    public override IEnumerable<CargoUnit> UnitsHeld() => _held;

    public override double ExpectedHours(bool forward)
    {
        double processing = Definition.ProcessingHours.Mean * ProcessingFactor;
        return processing + Definition.HaulHours.Mean + (_lanes.QueueLength * processing / _lanes.Capacity);
    }

    public override ComponentKpi Collect() => Kpi(_lanes.Utilization, WaitHours, _lanes.MeanQueueLength);

    public override void ResetStatistics()
    {
        base.ResetStatistics();
        _lanes.ResetStatistics();
    }
}
