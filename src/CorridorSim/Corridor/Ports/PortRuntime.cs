using CorridorSim.Engine;

namespace CorridorSim.Corridor;

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
    // Berth-hours for the time states: capacity, held while open, and closed.
    private readonly TimeWeighted _berthHours;
    private readonly TimeWeighted _workingBerthHours;
    private readonly TimeWeighted _closedBerthHours;

    public PortRuntime(CorridorRun run, PortDefinition definition)
        : base(run, definition.Id, "port")
    {
        Definition = definition;
        MeanHandlingHours = definition.HandlingHours.Mean;
        Berths = new Resource(run.Simulation, definition.Berths, definition.Id);
        _handlingStream = run.Simulation.Stream("port:" + definition.Id + ":handling");
        _stormStream = run.Simulation.Stream("port:" + definition.Id + ":storms");
        _reopened = new SimSignal(run.Simulation);
        _reopened.Trigger();
        _berthHours = new TimeWeighted(run.Simulation.Now, definition.Berths);
        _workingBerthHours = new TimeWeighted(run.Simulation.Now);
        _closedBerthHours = new TimeWeighted(run.Simulation.Now);
    }

    public PortDefinition Definition { get; }

    public Resource Berths { get; }

    /// <summary>Hours vessels waited for a berth (the port's wait; cargo waits are the legs').</summary>
    public Tally BerthWaitHours { get; } = Tally.WithBinnedPercentiles();

    public double HandlingFactor { get; set; } = 1;

    /// <summary>The definition's mean handling time (worked out once: route choice reads it for every unit weighing a vessel leg).</summary>
    public double MeanHandlingHours { get; }

    public bool IsClosed { get; private set; }

    /// <summary>
    /// Closure intervals (start, end) that ended since the start of the last statistics period (the year just
    /// reported, or the current one); for tests. Older ones are dropped, so a long run does not grow with them.
    /// </summary>
    public List<(SimTime Start, SimTime End)> ClosureLog { get; } = [];

    private SimTime _periodStart;

    public override void Start()
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
            if (gap >= (end - p.Now).TotalHours)
            {
                await p.DelayUntil(end); // a rare storm's gap can pass any representable duration
                continue;
            }

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
        UpdateBerthHours();
        if (Run.EventSink is { } log)
        {
            CorridorLog.Vehicle(log, Run.Simulation.Now, CorridorEventKind.Closure, CorridorEntityKind.Port, Id, this, Id, 0);
        }

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
        UpdateBerthHours();
        if (Run.EventSink is { } log)
        {
            CorridorLog.Vehicle(log, Run.Simulation.Now, CorridorEventKind.Reopen, CorridorEntityKind.Port, Id, this, Id, 0);
        }

        _reopened.Trigger();
    }

    /// <summary>Waits while the port is closed; the vessel (when given) is weather-bound meanwhile and then back to what it was doing.</summary>
    public async Task WaitOpen(SimProcess p, VesselClock? vessel = null)
    {
        if (!IsClosed)
        {
            return;
        }

        VesselActivity before = vessel?.Activity ?? VesselActivity.None;
        vessel?.Set(VesselActivity.WeatherBound);
        while (IsClosed)
        {
            await p.Wait(_reopened);
        }

        vessel?.Set(before);
    }

    /// <summary>
    /// Takes a berth (recording the wait), handles the vessel once (load or unload), and frees the berth; the vessel
    /// waits for a berth, then loads; the caller sets what it does next. Given a voyage's id (an event log is attached),
    /// logs the moment the voyage of <paramref name="leg"/> takes the berth, carrying <paramref name="tons"/>.
    /// </summary>
    public async Task BerthAndHandle(SimProcess p, VesselClock? vessel = null, ComponentRuntime? leg = null, string? voyage = null, double tons = 0)
    {
        SimTime queued = p.Now;
        vessel?.Set(VesselActivity.WaitingForBerth);
        using (await p.Request(Berths))
        {
            UpdateBerthHours();
            if (voyage is not null && leg is not null && Run.EventSink is { } log)
            {
                CorridorLog.Vehicle(log, p.Now, CorridorEventKind.Start, CorridorEntityKind.VesselVoyage, voyage, leg, Id, tons);
            }

            BerthWaitHours.Add((p.Now - queued).TotalHours);
            vessel?.Set(VesselActivity.Loading);
            await Handle(p, vessel);
        }

        UpdateBerthHours();
    }

    /// <summary>One handling operation (load or unload) of a vessel at a berth it holds; pauses while the port is closed.</summary>
    public async Task Handle(SimProcess p, VesselClock? vessel = null)
    {
        double remaining = Math.Max(0, Definition.HandlingHours.Sample(_handlingStream) * HandlingFactor);
        while (remaining > 1e-9)
        {
            await WaitOpen(p, vessel);
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

    public override void Apply(InvestmentDefinition investment)
    {
        if (investment.Kind == InvestmentKind.Berths)
        {
            Berths.SetCapacity((int)investment.Value);
            UpdateBerthHours();
        }
        else
        {
            HandlingFactor = investment.Value;
        }
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
            TimeStates = BerthTimeStates(),
            MeanPortTimeHours = _portTime.Count > 0 ? _portTime.Mean : 0,
            ShareWithinPortTimeTarget = _portTime.Count > 0 ? (double)_withinTarget / _portTime.Count : 1,
            ClosedHours = closed,
        };
    }

    public override void ResetStatistics()
    {
        base.ResetStatistics();
        SimTime periodStart = _periodStart;
        ClosureLog.RemoveAll(c => c.End < periodStart);
        _periodStart = Run.Simulation.Now;
        Berths.ResetStatistics();
        BerthWaitHours.Reset();
        _portTime.Reset();
        _withinTarget = 0;
        _closedHours = 0;
        _berthHours.Reset(Run.Simulation.Now);
        _workingBerthHours.Reset(Run.Simulation.Now);
        _closedBerthHours.Reset(Run.Simulation.Now);
        if (IsClosed)
        {
            _closedSince = Run.Simulation.Now;
        }
    }

    /// <summary>Brings the berth-hour counts up to date after a berth is taken or freed, the port closes or opens, or berths are added.</summary>
    private void UpdateBerthHours()
    {
        SimTime now = Run.Simulation.Now;
        _berthHours.Update(now, Berths.Capacity);
        _workingBerthHours.Update(now, IsClosed ? 0 : Math.Min(Berths.InUse, Berths.Capacity));
        _closedBerthHours.Update(now, IsClosed ? Berths.Capacity : 0);
    }

    /// <summary>Ports' time states per berth-hour: working (held while open), weather-bound (closed), idle (the rest).</summary>
    private ComponentTimeStates BerthTimeStates()
    {
        SimTime now = Run.Simulation.Now;
        double total = _berthHours.Integral(now);
        if (total <= 0)
        {
            return ComponentTimeStates.AllIdle;
        }

        double working = Math.Clamp(_workingBerthHours.Integral(now) / total, 0, 1);
        double closed = Math.Clamp(_closedBerthHours.Integral(now) / total, 0, 1 - working);
        return new ComponentTimeStates { Working = working, WeatherBound = closed, Idle = Math.Max(0, 1 - working - closed) };
    }

    /// <summary>The cause given when a storm interrupts handling.</summary>
    internal sealed class PortClosed
    {
        public static readonly PortClosed Instance = new();

        public override string ToString() => "port closed by weather";
    }
}
