using System.Runtime.InteropServices;
using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>A rail segment, border crossing, transshipment or terminal: forms trains, spaces their departures, moves them.</summary>
internal sealed class StageRuntime : ComponentRuntime
{
    private readonly Resource _slot;
    // One lane per unit type, opened when the first unit of that type arrives: looked up by the unit type's index
    // (no string hashing per unit), enumerated in opening order.
    private readonly Dictionary<string, Store<CargoUnit>> _lanes = new(StringComparer.Ordinal);
    private Store<CargoUnit>?[] _laneByUnit = [];
    // The lanes in opening order with their unit type's train size, for route choice's per-unit estimate (no lookups).
    private readonly List<(Store<CargoUnit> Lane, int PerTrain)> _trainSizes = [];
    // Trains from the moment their first unit is taken from the lane: forming, waiting for the slot, or running.
    private readonly List<Train> _inTransit = [];
    private readonly Stack<Train> _freeTrains = new();
    private readonly RandomStream _stream;
    private double _slowdownFactor = 1;
    private long _trainsLogged;

    // The definition's mean train time, read by route choice for every unit that weighs this stage: the definition
    // does not change during a run (investments change TrainsPerDay), so it is worked out once.
    private readonly double _meanTrainHours;

    public StageRuntime(CorridorRun run, StageDefinition definition)
        : base(run, definition.Id, definition.Kind.ToString().ToLowerInvariant())
    {
        Definition = definition;
        TrainsPerDay = definition.TrainsPerDay;
        _meanTrainHours = definition.MeanTrainHours;
        _slot = new Resource(run.Simulation, 1, definition.Id);
        _stream = run.Simulation.Stream("stage:" + definition.Id);
    }

    public StageDefinition Definition { get; }

    public double TrainsPerDay { get; set; }

    /// <summary>The capacity factor in force: the smallest of the overlapping slowdowns, 1 when there is none.</summary>
    public double SlowdownFactor => _slowdownFactor;

    public override void BeginSlowdown(double factor)
    {
        _activeSlowdowns.Add(factor);
        _slowdownFactor = _activeSlowdowns.Min();
    }

    public override void EndSlowdown(double factor)
    {
        _activeSlowdowns.Remove(factor);
        _slowdownFactor = _activeSlowdowns.Count == 0 ? 1 : _activeSlowdowns.Min();
    }

    private readonly List<double> _activeSlowdowns = [];

    private double HeadwayHours => 24.0 / (TrainsPerDay * _slowdownFactor);

    public override void Apply(InvestmentDefinition investment) => TrainsPerDay = investment.Value;

    public override void Accept(CargoUnit unit, bool forward)
    {
        int index = unit.Flow.UnitIndex;
        Store<CargoUnit>? lane = index < _laneByUnit.Length ? _laneByUnit[index] : null;
        lane ??= OpenLane(unit.Flow.Definition.Unit, index);
        lane.TryPut(unit);
    }

    public override void AcceptAll(ReadOnlySpan<CargoUnit> units, bool forward)
    {
        // One block per run of units of one type: a train may carry several flows, but a lane holds one unit type.
        int start = 0;
        while (start < units.Length)
        {
            FlowRuntime flow = units[start].Flow;
            int index = flow.UnitIndex;
            int end = start + 1;
            while (end < units.Length && units[end].Flow.UnitIndex == index)
            {
                end++;
            }

            Store<CargoUnit>? lane = index < _laneByUnit.Length ? _laneByUnit[index] : null;
            lane ??= OpenLane(flow.Definition.Unit, index);
            lane.TryPutAll(units[start..end]);
            start = end;
        }
    }

    public override void DivertWaiting()
    {
        foreach (Store<CargoUnit> lane in _lanes.Values)
        {
            DivertFrom(lane);
        }
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
        _trainSizes.Add((lane, perTrain));
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
                MovedAll(train);
                if (Run.EventSink is { } log)
                {
                    train.LogId = CorridorLog.Numbered(Id, ++_trainsLogged);
                    CorridorLog.Vehicle(log, p.Now, CorridorEventKind.Depart, CorridorEntityKind.Train, train.LogId, this, null, CorridorLog.Tons(train));
                    CorridorLog.Units(log, p.Now, CorridorEventKind.Start, train, this, null, train.LogId);
                }

                double hours = Math.Max(0, Definition.TrainHours(_stream));
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
        if (stage.Run.EventSink is { } log && train.LogId is { } id)
        {
            SimTime now = stage.Run.Simulation.Now;
            CorridorLog.Vehicle(log, now, CorridorEventKind.Arrive, CorridorEntityKind.Train, id, stage, null, CorridorLog.Tons(train));
            CorridorLog.Units(log, now, stage.Definition.Kind == StageKind.Transshipment ? CorridorEventKind.Transship : CorridorEventKind.End, train, stage, null, id);
        }

        CargoUnit.AdvanceAll(train, stage.Run);

        // Trains are reused: at 10 Mt/yr a fresh list per train was most of what a simulated year allocated.
        train.Clear();
        stage._freeTrains.Push(train);
    };

    /// <summary>The units of one train, from formation to arrival, and where it sits in the stage's list.</summary>
    private sealed class Train(StageRuntime stage, int capacity) : List<CargoUnit>(capacity)
    {
        public StageRuntime Stage { get; } = stage;

        public int Index { get; set; }

        /// <summary>The train's id in the event log for its current trip; null when no log is attached.</summary>
        public string? LogId { get; set; }
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

    public override double AddTonsHeld(double tons)
    {
        foreach (Store<CargoUnit> lane in _lanes.Values)
        {
            tons = AddTons(tons, lane.Items);
        }

        foreach (Train train in _inTransit)
        {
            tons = AddTons(tons, CollectionsMarshal.AsSpan(train));
        }

        return tons;
    }

    public override double ExpectedHours(bool forward)
    {
        // Queue clearing time: the trains the queued units fill, each lane at its own unit type's train size (not a
        // fixed 50 units), one departure slot per headway shared by all lanes.
        double trainsQueued = 0;
        foreach ((Store<CargoUnit> lane, int perTrain) in _trainSizes)
        {
            trainsQueued += (double)lane.Count / perTrain;
        }

        return _meanTrainHours + (trainsQueued * HeadwayHours);
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
