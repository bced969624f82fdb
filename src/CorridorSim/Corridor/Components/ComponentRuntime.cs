using System.Runtime.InteropServices;
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

    /// <summary>Accepts <paramref name="units"/> in order, as <see cref="Accept"/> one by one would (kinds with queues put them as blocks).</summary>
    public virtual void AcceptAll(ReadOnlySpan<CargoUnit> units, bool forward)
    {
        foreach (CargoUnit u in units)
        {
            Accept(u, forward);
        }
    }

    /// <summary>The port where a unit passing this way is queued and handled (vessel legs); null for other kinds.</summary>
    public virtual string? PortAt(bool forward) => null;

    /// <summary>The shortest diversion wait, in ticks, of the flows whose routes start here; <see cref="long.MaxValue"/> when none divert here.</summary>
    public long DivertAfterTicks { get; set; } = long.MaxValue;

    /// <summary>Removes the units that have waited in this component's queues longer than their flow's diversion rule allows, and diverts them.</summary>
    public virtual void DivertWaiting()
    {
    }

    /// <summary>Diverts, from the front of <paramref name="queue"/>, the units at their first step that waited too long.</summary>
    protected void DivertFrom(Store<CargoUnit> queue)
    {
        if (queue.Count == 0)
        {
            return;
        }

        List<CargoUnit> removed = Run.DivertScratch;
        queue.RemoveFromFront(DiversionDue, (Run.Simulation.Now.Ticks, DivertAfterTicks), removed);
        foreach (CargoUnit u in removed)
        {
            Run.Divert(u);
        }

        removed.Clear();
    }

    /// <summary>
    /// Keep (0) or divert (1) a queued unit; stop (-1) at the first that cannot have waited long enough (queues are in
    /// arrival order). A unit past its first step, or of a flow that never diverts, stays here until served (2: settled).
    /// </summary>
    private static readonly Func<CargoUnit, (long Now, long MinAfter), int> DiversionDue = static (u, s) =>
    {
        long waited = s.Now - u.QueuedAt.Ticks;
        return waited <= s.MinAfter ? -1 : u.Step != 1 || u.Flow.DivertAfterTicks == long.MaxValue ? 2 : waited > u.Flow.DivertAfterTicks ? 1 : 0;
    };

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

    /// <summary>
    /// <paramref name="tons"/> plus the tons of every unit <see cref="UnitsHeld"/> lists, added one by one in its order
    /// (so a sum over components has the same bits as one over the enumerations); kinds that hold many units loop directly.
    /// </summary>
    public virtual double AddTonsHeld(double tons)
    {
        foreach (CargoUnit u in UnitsHeld())
        {
            tons += u.Tons;
        }

        return tons;
    }

    /// <summary>Adds the tons of <paramref name="units"/> to <paramref name="tons"/> in order, prefetching ahead (they were last touched long ago).</summary>
    protected static double AddTons(double tons, ReadOnlySpan<CargoUnit> units)
    {
        for (int i = 0; i < units.Length; i++)
        {
            if (i + CargoUnit.PrefetchDistance < units.Length)
            {
                CacheHint.Object(units[i + CargoUnit.PrefetchDistance], 1);
            }

            tons += units[i].Tons;
        }

        return tons;
    }

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

    /// <summary>Counts every unit of <paramref name="units"/> as moved now, in order (a train departing, a vessel loaded).</summary>
    protected void MovedAll(List<CargoUnit> units)
    {
        SimTime now = Run.Simulation.Now;
        double tons = TonsThrough;
        ReadOnlySpan<CargoUnit> span = CollectionsMarshal.AsSpan(units);
        Span<double> waits = Run.TallyScratch;
        for (int start = 0; start < span.Length; start += CorridorRun.TallyBlock)
        {
            int n = Math.Min(CorridorRun.TallyBlock, span.Length - start);
            for (int i = 0; i < n; i++)
            {
                // The units were last touched when they were queued, hours of simulated time ago (as in AdvanceAll).
                int j = start + i;
                if (j + CargoUnit.PrefetchDistance < span.Length)
                {
                    CacheHint.Object(span[j + CargoUnit.PrefetchDistance], 1);
                }

                CargoUnit u = span[j];
                tons += u.Tons;
                waits[i] = (now - u.QueuedAt).TotalHours;
            }

            // Tallied as blocks: one division a block instead of one a unit.
            WaitHours.AddAll(waits[..n]);
        }

        TonsThrough = tons;
        UnitsThrough += units.Count;
    }

    /// <summary>The indicators every component reports; kinds add theirs with a <c>with</c> expression.</summary>
    protected ComponentKpi Kpi(double utilization, Tally waits, double meanQueue) => new()
    {
        Id = Id,
        Kind = Kind,
        TonsThrough = TonsThrough,
        UnitsThrough = UnitsThrough,
        Utilization = utilization,
        TimeStates = ComponentTimeStates.WorkingOrIdle(utilization),
        MeanWaitHours = MeanOrZero(waits),
        P95WaitHours = P95(waits),
        MeanQueue = meanQueue,
    };

    protected static double P95(Tally t) => t.Count > 0 ? t.Percentile(0.95) : 0;

    protected static double MeanOrZero(Tally t) => t.Count > 0 ? t.Mean : 0;
}
