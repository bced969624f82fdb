using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>
/// Many pending processes and events at once: the calendar then prefetches the objects the next events will touch
/// (<see cref="EventCalendar.IsPrefetching"/>), which must change nothing but speed. A stress suite across the engine,
/// like <see cref="DeterminismTests"/> and <see cref="AnalyticValidationTests"/>, so not named after one source file.
/// </summary>
public class LargePopulationTests
{
    private sealed class Resumption(int process, long due)
    {
        public int Process { get; } = process;

        public long Due { get; } = due;
    }

    [Fact]
    public void Processes_TwentyThousandDelaying_EachResumesExactlyWhenDueInCalendarOrder()
    {
        const int processes = 20_000;
        const int delaysEach = 5;
        var sim = new Simulation(seed: 7);
        RandomStream rng = sim.Stream("delays");
        var log = new List<(long Time, int Process, long Due)>();
        for (int i = 0; i < processes; i++)
        {
            int id = i;
            sim.Start(async p =>
            {
                for (int k = 0; k < delaysEach; k++)
                {
                    var delay = SimDuration.FromTicks((long)(-Math.Log(1.0 - rng.NextDouble()) * SimDuration.TicksPerHour));
                    var expected = new Resumption(id, p.Now.Ticks + delay.Ticks);
                    await p.Delay(delay);
                    log.Add((p.Now.Ticks, expected.Process, expected.Due));
                }
            });
        }

        sim.Run(processes * 2L); // starts and the first resumptions: now the calendar holds ~20,000 timers
        Assert.True(sim.PendingEvents > 15_000);
        sim.Run(1_000);
        Assert.True(sim.CalendarPrefetches, "20,000 pending timers: the calendar prefetches the processes' resumptions");
        sim.Run();

        Assert.Equal(processes * delaysEach, log.Count);
        Assert.All(log, r => Assert.Equal(r.Due, r.Time));
        for (int i = 1; i < log.Count; i++)
        {
            Assert.True(log[i - 1].Time <= log[i].Time, $"resumption {i} ran before the one before it");
        }

        Assert.Equal(processes * (1L + delaysEach), sim.EventsProcessed);
        Assert.False(sim.CalendarPrefetches); // the last windows held a few events: prefetching switched itself off
    }

    private const int HoldEvents = 200_000;

    // A hold model whose delays depend on how many events ran before (so any change of order changes the trace),
    // with many delays colliding on equal times (so the order among equal times is tested too).
    private static long HoldDelay(int eventsRun) => (eventsRun * 7919L % 1000) + 1;

    private static void HoldHandler(Simulation sim, List<long> times)
    {
        times.Add(sim.Now.Ticks);
        if (times.Count < HoldEvents)
        {
            sim.Schedule(SimDuration.FromTicks(HoldDelay(times.Count)), Hold, times);
        }
    }

    private static readonly Action<Simulation, List<long>> Hold = HoldHandler;

    [Fact]
    public void Events_LargeHoldModel_TraceEqualsAReferenceHeap()
    {
        const int pending = 12_000;
        var sim = new Simulation();
        var times = new List<long>();
        for (int i = 0; i < pending; i++)
        {
            sim.Schedule(SimDuration.FromTicks(i % 997), Hold, times);
        }

        sim.Run(pending);
        Assert.True(sim.CalendarPrefetches, "12,000 pending events: the calendar prefetches");
        sim.Run();

        // The reference: .NET's heap keyed by (time, sequence), the same handler logic.
        var reference = new List<long>();
        var heap = new PriorityQueue<int, (long Time, long Sequence)>();
        long sequence = 0;
        for (int i = 0; i < pending; i++)
        {
            heap.Enqueue(0, (i % 997, ++sequence));
        }

        while (heap.TryDequeue(out _, out (long Time, long Sequence) key))
        {
            reference.Add(key.Time);
            if (reference.Count < HoldEvents)
            {
                heap.Enqueue(0, (key.Time + HoldDelay(reference.Count), ++sequence));
            }
        }

        Assert.Equal(reference.Count, times.Count);
        Assert.True(reference.SequenceEqual(times), "the calendar's trace differs from the reference heap's");
    }

}
