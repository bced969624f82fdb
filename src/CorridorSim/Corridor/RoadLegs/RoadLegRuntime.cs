using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>A road leg: trucks queue for a gate lane, are processed, then drive on; one process per truck.</summary>
internal sealed class RoadLegRuntime : ComponentRuntime
{
    private readonly Resource _lanes;
    private readonly RandomStream _processing;
    private readonly RandomStream _haul;
    // Trucks from acceptance to arrival, in acceptance order (a list keeps enumeration deterministic; few are held).
    private readonly List<CargoUnit> _held = [];

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
        _held.Add(unit);
        Run.Simulation.Start(p => Pass(p, unit), Id);
    }

    private async ProcessTask Pass(SimProcess p, CargoUnit unit)
    {
        using (await p.Request(_lanes))
        {
            Moved(unit);
            await p.Delay(SimDuration.FromHours(Math.Max(0, Definition.ProcessingHours.Sample(_processing) * ProcessingFactor)));
        }

        await p.Delay(SimDuration.FromHours(Math.Max(0, Definition.HaulHours.Sample(_haul))));
        _held.Remove(unit);
        unit.Advance(Run);
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
