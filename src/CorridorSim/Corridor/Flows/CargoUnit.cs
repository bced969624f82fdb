using System.Runtime.InteropServices;
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
    public string? LogId; // the unit's id in the event log; set only when a log is attached

    public double Tons => Flow.Definition.TonsPerUnit;

    // How many units ahead AdvanceAll prefetches: far enough to hide a miss behind the units before it, near enough
    // that the prefetched lines are still cached when their turn comes.
    private const int PrefetchDistance = 8;

    /// <summary>
    /// Advances every unit of <paramref name="units"/> in order (a train that arrived, a vessel's cargo unloaded).
    /// The units were last touched when they left, hours of simulated time ago, so each is prefetched a few units ahead.
    /// </summary>
    public static void AdvanceAll(List<CargoUnit> units, CorridorRun run)
    {
        ReadOnlySpan<CargoUnit> span = CollectionsMarshal.AsSpan(units);
        for (int i = 0; i < span.Length && i < PrefetchDistance; i++)
        {
            CacheHint.Object(span[i], 1);
        }

        for (int i = 0; i < span.Length; i++)
        {
            if (i + PrefetchDistance < span.Length)
            {
                CacheHint.Object(span[i + PrefetchDistance], 1);
            }

            span[i].Advance(run);
        }
    }

    /// <summary>Hands the unit to its next component, or delivers it.</summary>
    public void Advance(CorridorRun run)
    {
        if (Step < Route.Length)
        {
            RouteStep s = Route[Step++];
            QueuedAt = run.Simulation.Now;
            if (run.EventSink is { } log)
            {
                CorridorLog.Unit(log, QueuedAt, CorridorEventKind.Queue, this, s.Component, s.Forward);
            }

            s.Component.Accept(this, s.Forward);
        }
        else
        {
            if (run.EventSink is { } log && Route.Length > 0)
            {
                RouteStep last = Route[^1];
                CorridorLog.Unit(log, run.Simulation.Now, CorridorEventKind.Depart, this, last.Component, last.Forward);
            }

            run.Deliver(this);
        }
    }
}

/// <summary>A leg of a route with its direction (vessel legs can be passed both ways).</summary>
internal readonly record struct RouteStep(ComponentRuntime Component, bool Forward);
