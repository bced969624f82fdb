using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

/// <summary>
/// Reproducibility, the engine's first promise: a (seed, replication) pair fixes every event; simultaneous events
/// run in scheduling order; simulations share no state, so interleaving them on one thread or running them on
/// parallel threads changes nothing.
/// </summary>
public class DeterminismTests
{
    private const int JobCount = 40;

    /// <summary>One line of a trace: when (in ticks) and what happened.</summary>
    private readonly record struct TraceEntry(long Ticks, string Label);

    // ---- same inputs, same trace -------------------------------------------------------------------------

    [Fact]
    public void Run_SameSeedAndReplication_GivesIdenticalTrace()
    {
        List<TraceEntry> first = RunTraceModel(seed: 7, replication: 3);
        List<TraceEntry> second = RunTraceModel(seed: 7, replication: 3);

        Assert.Equal(first, second);
        AssertTraceIsRich(first);
    }

    [Fact]
    public void Run_DifferentReplication_GivesDifferentTrace()
    {
        List<TraceEntry> replication3 = RunTraceModel(seed: 7, replication: 3);
        List<TraceEntry> replication4 = RunTraceModel(seed: 7, replication: 4);

        Assert.NotEqual(replication3, replication4);
    }

    [Fact]
    public void Run_DifferentMasterSeed_GivesDifferentTrace()
    {
        List<TraceEntry> seed7 = RunTraceModel(seed: 7, replication: 3);
        List<TraceEntry> seed8 = RunTraceModel(seed: 8, replication: 3);

        Assert.NotEqual(seed7, seed8);
    }

    // ---- simultaneous events -----------------------------------------------------------------------------

    [Fact]
    public void Schedule_SameInstant_RunsInSchedulingOrder()
    {
        var sim = new Simulation();
        var order = new List<string>();

        // Interleave two instants and mix relative (Schedule) with absolute (ScheduleAt) calls.
        sim.Schedule(SimDuration.FromHours(5), static (_, s) => s.Order.Add(s.Label), new Labelled(order, "a@5"));
        sim.Schedule(SimDuration.FromHours(3), static (_, s) => s.Order.Add(s.Label), new Labelled(order, "b@3"));
        sim.ScheduleAt(SimTime.FromHours(5), static (_, s) => s.Order.Add(s.Label), new Labelled(order, "c@5"));
        sim.Schedule(SimDuration.FromHours(5), static (_, s) => s.Order.Add(s.Label), new Labelled(order, "d@5"));
        sim.ScheduleAt(SimTime.FromHours(3), static (_, s) => s.Order.Add(s.Label), new Labelled(order, "e@3"));
        sim.Schedule(SimDuration.Zero, static (_, s) => s.Order.Add(s.Label), new Labelled(order, "f@0"));
        sim.Run();

        Assert.Equal(["f@0", "b@3", "e@3", "a@5", "c@5", "d@5"], order);
    }

    [Fact]
    public void Schedule_FromInsideAnEventAtTheSameInstant_RunsAfterEventsAlreadyDue()
    {
        var sim = new Simulation();
        var order = new List<string>();

        sim.Schedule(SimDuration.FromHours(1), static (s, o) =>
        {
            o.Add("first");
            s.Schedule(SimDuration.Zero, static (_, o2) => o2.Add("scheduled by first"), o);
        }, order);
        sim.Schedule(SimDuration.FromHours(1), static (_, o) => o.Add("second"), order);
        sim.Run();

        Assert.Equal(["first", "second", "scheduled by first"], order);
    }

    [Fact]
    public void Delay_ProcessesReachingTheSameInstant_ResumeInTheOrderTheirDelaysWereScheduled()
    {
        var sim = new Simulation();
        var order = new List<string>();

        // Process i first waits 4 − i hours, then 6 + i: all resume at t = 10 h, but process 4 scheduled its wake-up
        // first (at t = 0) and process 0 last (at t = 4). The order must follow scheduling, not process creation.
        for (int i = 0; i < 5; i++)
        {
            int id = i;
            sim.Start(async p =>
            {
                await p.Delay(SimDuration.FromHours(4 - id));
                await p.Delay(SimDuration.FromHours(6 + id));
                order.Add($"p{id}@{p.Now.TotalHours}");
            }, $"p{id}");
        }

        sim.Run();

        Assert.Equal(["p4@10", "p3@10", "p2@10", "p1@10", "p0@10"], order);
    }

    [Fact]
    public void Start_ProcessesStartedAtTheSameInstant_BeginInStartOrderAndInterleaveWithZeroDelays()
    {
        var sim = new Simulation();
        var order = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            int id = i;
            sim.Start(async p =>
            {
                order.Add($"p{id} begins");
                await p.Delay(SimDuration.Zero);
                order.Add($"p{id} after zero delay");
            }, $"p{id}");
        }

        sim.Run();

        Assert.Equal(
            ["p0 begins", "p1 begins", "p2 begins", "p0 after zero delay", "p1 after zero delay", "p2 after zero delay"],
            order);
        Assert.Equal(SimTime.Zero, sim.Now);
    }

    /// <summary>
    /// Model-based: any sequence of schedule calls (few distinct times, so many ties) runs in the order of a
    /// stable sort of the calls by time.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Schedule_AnySequence_RunsInStableTimeOrder() =>
        Prop.ForAll(
            Gen.Choose(0, 6).ArrayOf().ToArbitrary(),
            hours =>
            {
                var sim = new Simulation();
                var ran = new List<int>();
                for (int i = 0; i < hours.Length; i++)
                {
                    sim.ScheduleAt(SimTime.FromHours(hours[i]), static (_, s) => s.Ran.Add(s.Index), new Indexed(ran, i));
                }

                sim.Run();
                int[] expected = Enumerable.Range(0, hours.Length).OrderBy(i => hours[i]).ToArray(); // OrderBy is stable
                return ran.SequenceEqual(expected);
            });

    // ---- no shared state between simulations -------------------------------------------------------------

    [Fact]
    public void Run_TwoSimulationsInterleavedOneEventAtATime_MatchEachRunAlone()
    {
        List<TraceEntry> aloneA = RunTraceModel(seed: 11, replication: 0);
        List<TraceEntry> aloneB = RunTraceModel(seed: 12, replication: 5);

        var traceA = new List<TraceEntry>();
        var traceB = new List<TraceEntry>();
        Simulation simA = BuildTraceModel(seed: 11, replication: 0, traceA);
        Simulation simB = BuildTraceModel(seed: 12, replication: 5, traceB);
        long steps = 0;
        while (true)
        {
            long ranA = simA.Run(1);
            long ranB = simB.Run(1);
            if (ranA == 0 && ranB == 0)
            {
                break;
            }

            steps += ranA + ranB;
        }

        Assert.Equal(aloneA, traceA);
        Assert.Equal(aloneB, traceB);
        Assert.Equal(simA.EventsProcessed + simB.EventsProcessed, steps);
    }

    [Fact]
    public void Run_ParallelSimulations_MatchSequentialRuns()
    {
        const int count = 16;
        var sequential = new List<TraceEntry>[count];
        for (int i = 0; i < count; i++)
        {
            sequential[i] = RunTraceModel(seed: 2024, replication: i);
        }

        var parallel = new List<TraceEntry>[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            // Several runs per thread, in changing order, so threads really overlap and reuse their state.
            for (int repeat = 0; repeat < 3; repeat++)
            {
                List<TraceEntry> trace = RunTraceModel(seed: 2024, replication: i);
                Assert.Equal(sequential[i], trace);
                parallel[i] = trace;
            }
        });

        for (int i = 0; i < count; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }

        // The sixteen replications are sixteen different runs, not one run copied.
        Assert.Equal(count, sequential.Select(t => string.Join(";", t)).Distinct().Count());
    }

    // ---- the trace model ---------------------------------------------------------------------------------

    private static List<TraceEntry> RunTraceModel(ulong seed, int replication)
    {
        var trace = new List<TraceEntry>();
        Simulation sim = BuildTraceModel(seed, replication, trace);
        sim.Run();
        return trace;
    }

    /// <summary>
    /// A small stochastic port: ships arrive (exponential gaps rounded to whole hours, so several events share an
    /// instant), queue for one of two cranes (a <see cref="Resource"/>), unload for a triangular time rounded up to
    /// whole hours, then put their cargo in a yard of five slots (a <see cref="Store{T}"/>, so puts can block).
    /// A ferry loads up to four cargoes, leaving when full or after six hours, and sails for an exponential time.
    /// A harbour clock ticks every five hours through the event API. Every action is written to the trace.
    /// </summary>
    private static Simulation BuildTraceModel(ulong seed, int replication, List<TraceEntry> trace)
    {
        var sim = new Simulation(seed, replication);
        var cranes = new Resource(sim, 2, "cranes");
        var yard = new Store<int>(sim, capacity: 5, name: "yard");
        RandomStream arrivalStream = sim.Stream("arrivals");
        RandomStream unloadStream = sim.Stream("unloading");
        RandomStream sailStream = sim.Stream("sailing");
        Distribution gap = Distribution.Exponential(1.5);
        Distribution unload = Distribution.Triangular(1, 2, 5);
        Distribution sail = Distribution.Exponential(4);

        void Log(string label) => trace.Add(new TraceEntry(sim.Now.Ticks, label));

        async ProcessTask Ship(SimProcess p, int id)
        {
            Log($"ship{id} arrives");
            using (ResourceLease crane = await p.Request(cranes))
            {
                Log($"ship{id} gets a crane");
                await p.Delay(SimDuration.FromHours(Math.Ceiling(unload.Sample(unloadStream))));
            }

            Log($"ship{id} releases its crane");
            await p.Put(yard, id);
            Log($"ship{id} cargo in yard ({yard.Count})");
        }

        sim.Start(async p =>
        {
            for (int i = 0; i < JobCount; i++)
            {
                await p.Delay(SimDuration.FromHours(Math.Round(gap.Sample(arrivalStream))));
                int id = i;
                sim.Start(q => Ship(q, id), $"ship{id}");
            }
        }, "arrivals");

        sim.Start(async p =>
        {
            var load = new List<int>();
            int shipped = 0;
            while (shipped < JobCount)
            {
                load.Clear();
                int n = await p.GetBatch(yard, 4, SimDuration.FromHours(6), load);
                Log($"ferry leaves with [{string.Join(",", load)}]");
                shipped += n;
                if (n > 0)
                {
                    await p.Delay(SimDuration.FromHours(Math.Round(sail.Sample(sailStream), 1)));
                    Log("ferry back");
                }
            }
        }, "ferry");

        sim.Schedule(SimDuration.FromHours(5), Tick, new Clock(trace, Remaining: 30));
        return sim;
    }

    private static void Tick(Simulation sim, Clock clock)
    {
        clock.Trace.Add(new TraceEntry(sim.Now.Ticks, "clock tick"));
        if (clock.Remaining > 1)
        {
            sim.Schedule(SimDuration.FromHours(5), Tick, clock with { Remaining = clock.Remaining - 1 });
        }
    }

    private static void AssertTraceIsRich(List<TraceEntry> trace)
    {
        // The model must exercise what the test claims: every ship through, ties, queueing and the clock.
        Assert.Equal(JobCount, trace.Count(e => e.Label.EndsWith("arrives", StringComparison.Ordinal)));
        Assert.Equal(30, trace.Count(e => e.Label == "clock tick"));
        int loaded = trace.Where(e => e.Label.StartsWith("ferry leaves", StringComparison.Ordinal))
            .Sum(e => e.Label.Count(c => c == ',') + (e.Label.EndsWith("[]", StringComparison.Ordinal) ? 0 : 1));
        Assert.Equal(JobCount, loaded);
        Assert.True(trace.GroupBy(e => e.Ticks).Any(g => g.Count() >= 3), "Some instant should hold three or more events.");
        Assert.Contains(trace, e => e.Label.Contains("gets a crane", StringComparison.Ordinal) &&
            !trace.Any(a => a.Ticks == e.Ticks && a.Label == e.Label.Replace("gets a crane", "arrives", StringComparison.Ordinal)));
    }

    private sealed record Labelled(List<string> Order, string Label);

    private sealed record Indexed(List<int> Ran, int Index);

    private sealed record Clock(List<TraceEntry> Trace, int Remaining);
}
