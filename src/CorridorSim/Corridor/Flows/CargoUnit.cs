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

    // The flow's tons per unit, copied at creation: read for every unit at every stage, one load instead of three.
    public double Tons;

    // How many units ahead AdvanceAll prefetches: far enough to hide a miss behind the units before it, near enough
    // that the prefetched lines are still cached when their turn comes.
    internal const int PrefetchDistance = 8;

    /// <summary>
    /// Advances every unit of <paramref name="units"/> in order (a train that arrived, a vessel's cargo unloaded): each
    /// run of units bound for the same component the same way is handed over as one block, the rest one by one.
    /// The units were last touched when they left, hours of simulated time ago, so each is prefetched a few units ahead.
    /// </summary>
    public static void AdvanceAll(List<CargoUnit> units, CorridorRun run)
    {
        ReadOnlySpan<CargoUnit> span = CollectionsMarshal.AsSpan(units);
        for (int i = 0; i < span.Length && i < PrefetchDistance; i++)
        {
            CacheHint.Object(span[i], 1);
        }

        if (run.EventSink is not null)
        {
            // A log records each unit's queueing as it happens, between the puts: one by one keeps that order. A run
            // of units at their journey's end is logged unit by unit and delivered as the same block as without a log.
            for (int i = 0; i < span.Length;)
            {
                if (i + PrefetchDistance < span.Length)
                {
                    CacheHint.Object(span[i + PrefetchDistance], 1);
                }

                if (span[i].Step < span[i].Route.Length)
                {
                    span[i++].Advance(run);
                    continue;
                }

                int last = EndOfArrived(span, i);
                for (int k = i; k < last; k++)
                {
                    if (span[k].Route is [.., RouteStep end])
                    {
                        CorridorLog.Unit(run.EventSink, run.Simulation.Now, CorridorEventKind.Depart, span[k], end.Component, end.Forward);
                    }
                }

                run.DeliverAll(span[i..last]);
                i = last;
            }

            return;
        }

        SimTime now = run.Simulation.Now;
        int start = 0;
        while (start < span.Length)
        {
            CargoUnit first = span[start];
            if (first.Step >= first.Route.Length)
            {
                // A run of units at their journey's end is delivered as one block (transit times tallied together).
                int last = EndOfArrived(span, start);
                run.DeliverAll(span[start..last]);
                start = last;
                continue;
            }

            // Nothing the puts do reaches another unit of the run before the block is in (a served getter resumes
            // later, as an event), so the block leaves every queue, count and event as the units one by one would.
            RouteStep step = first.Route[first.Step];
            int end = start;
            do
            {
                CargoUnit u = span[end];
                if (u.Step >= u.Route.Length || u.Route[u.Step] is var s && (s.Component != step.Component || s.Forward != step.Forward))
                {
                    break;
                }

                if (end + PrefetchDistance < span.Length)
                {
                    CacheHint.Object(span[end + PrefetchDistance], 1);
                }

                u.Step++;
                u.QueuedAt = now;
                end++;
            }
            while (end < span.Length);

            step.Component.AcceptAll(span[start..end], step.Forward);
            start = end;
        }
    }

    /// <summary>The end of the run of units from <paramref name="start"/> (one at least) at their journey's end, prefetching ahead.</summary>
    private static int EndOfArrived(ReadOnlySpan<CargoUnit> span, int start)
    {
        int last = start;
        do
        {
            if (last + PrefetchDistance < span.Length)
            {
                CacheHint.Object(span[last + PrefetchDistance], 1);
            }

            last++;
        }
        while (last < span.Length && span[last].Step >= span[last].Route.Length);

        return last;
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
