using CorridorSim.Engine;

namespace CorridorSim.Corridor;

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

    /// <summary>Starts the component's processes, once every runtime of the run exists.</summary>
    public virtual void Start()
    {
    }

    /// <summary>Applies a dated investment; validation admits only the kinds the definition lists.</summary>
    public virtual void Apply(InvestmentDefinition investment) =>
        throw new InvalidOperationException($"Component '{Id}' takes no investment of kind {investment.Kind}.");

    /// <summary>Starts a dated slowdown (a capacity factor); validation admits it only where the definition can slow down.</summary>
    public virtual void BeginSlowdown(double factor) =>
        throw new InvalidOperationException($"Component '{Id}' cannot slow down.");

    /// <summary>Ends a slowdown begun with the same factor.</summary>
    public virtual void EndSlowdown(double factor) =>
        throw new InvalidOperationException($"Component '{Id}' cannot slow down.");

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
