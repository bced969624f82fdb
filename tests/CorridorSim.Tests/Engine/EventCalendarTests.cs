using System.Runtime.CompilerServices;
using CorridorSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

/// <summary>
/// The event calendar against a model: a sorted set of (time, sequence). Random schedule / cancel / pop /
/// run-until sequences must drain in exactly the model's order (equal times first in, first out; cancelled events
/// never run), both on the internal <see cref="EventCalendar"/> and through the public <see cref="Simulation"/> API.
/// </summary>
public class EventCalendarTests
{
    // ---- the operation language -------------------------------------------------------------------

    public enum OpKind
    {
        /// <summary>Schedule one event <c>Offset</c> ticks after now.</summary>
        Schedule,

        /// <summary>Schedule <c>Count</c> events all at now + <c>Offset</c> (a burst of equal times).</summary>
        Burst,

        /// <summary>Schedule one event at the time of an earlier event chosen by <c>Pick</c> (an equal key), or now if that is past.</summary>
        ScheduleAtIssuedTime,

        /// <summary>Cancel the handle chosen by <c>Pick</c> among all handles ever issued (pending, run or cancelled).</summary>
        Cancel,

        /// <summary>Run (pop) <c>Count</c> events one at a time.</summary>
        Pop,

        /// <summary>Run until now + <c>Offset</c>.</summary>
        RunUntilOffset,

        /// <summary>Run until the time of an earlier event chosen by <c>Pick</c> (if still pending, it stays pending), or now.</summary>
        RunUntilIssuedTime,
    }

    public readonly record struct Op(OpKind Kind, long Offset, int Count, int Pick);

    /// <summary>A generated operation sequence; printed as a summary (replay a failure with the seed FsCheck reports).</summary>
    public sealed record Workload(Op[] Ops)
    {
        public override string ToString() =>
            $"{Ops.Length} operations: " + string.Join(", ", Ops.GroupBy(o => o.Kind).Select(g => $"{g.Count()} {g.Key}"));
    }

    // Time scales from microseconds to years (unit, largest multiple), so the calendar must re-tune its window
    // width; a multiple of 0 is "now" (equal times).
    private static readonly (long Unit, int MaxMultiple)[] Scales =
    [
        (1, 1000),                                // up to 1 ms in µs
        (1_000, 1000),                            // up to 1 s in ms
        (SimDuration.TicksPerSecond, 1000),
        (SimDuration.TicksPerMinute, 1000),
        (SimDuration.TicksPerHour, 1000),
        (SimDuration.TicksPerDay, 365),
        (365 * SimDuration.TicksPerDay, 5),       // up to 5 years
    ];

    private static Gen<long> OffsetGen(int dominantScale) =>
        from scale in Gen.Frequency(
            (8, Gen.Constant(dominantScale)),
            (2, Gen.Choose(0, Scales.Length - 1)))
        from multiple in Gen.Frequency(
            (1, Gen.Constant(0)),
            (6, Gen.Choose(0, Scales[scale].MaxMultiple)))
        select multiple * Scales[scale].Unit;

    private static Gen<Op> OpGen(int dominantScale, int scheduleWeight, int popWeight) =>
        Gen.Frequency(
            (scheduleWeight, OffsetGen(dominantScale).Select(o => new Op(OpKind.Schedule, o, 1, 0))),
            (2, from o in OffsetGen(dominantScale)
                from n in Gen.Choose(2, 200)
                select new Op(OpKind.Burst, o, n, 0)),
            (3, Gen.Choose(0, int.MaxValue).Select(p => new Op(OpKind.ScheduleAtIssuedTime, 0, 1, p))),
            (3, Gen.Choose(0, int.MaxValue).Select(p => new Op(OpKind.Cancel, 0, 0, p))),
            (popWeight, Gen.Choose(1, 60).Select(n => new Op(OpKind.Pop, 0, n, 0))),
            (1, OffsetGen(dominantScale).Select(o => new Op(OpKind.RunUntilOffset, o, 0, 0))),
            (1, Gen.Choose(0, int.MaxValue).Select(p => new Op(OpKind.RunUntilIssuedTime, 0, 0, p))));

    /// <summary>
    /// A workload in phases: each phase favours one time scale and either grows the calendar (to thousands of
    /// pending entries) or drains it, so the calendar re-tunes up and down, wraps around its buckets and skips
    /// empty windows when the scale changes.
    /// </summary>
    private static Gen<Workload> WorkloadGen =>
        from phases in Gen.Choose(2, 6)
        from parts in PhaseGen.ArrayOf(phases)
        select new Workload([.. parts.SelectMany(p => p)]);

    private static Gen<Op[]> PhaseGen =>
        from scale in Gen.Choose(0, Scales.Length - 1)
        from growing in Gen.Elements(true, false)
        from length in Gen.Choose(50, 1500)
        from ops in OpGen(scale, growing ? 30 : 6, growing ? 6 : 20).ArrayOf(length)
        select ops;

    private static Arbitrary<Workload> Workloads => WorkloadGen.ToArbitrary();

    /// <summary>
    /// Few pending entries: schedules, short bursts and pops in about equal numbers (the pending count makes a random
    /// walk up from zero), so the calendar keeps crossing between its small sorted array (up to 16 entries) and its
    /// buckets (at most 8 move back), with equal times and several time scales.
    /// </summary>
    private static Gen<Workload> SmallWorkloadGen =>
        from scale in Gen.Choose(0, Scales.Length - 1)
        from length in Gen.Choose(200, 2000)
        from ops in Gen.Frequency(
                (10, OffsetGen(scale).Select(o => new Op(OpKind.Schedule, o, 1, 0))),
                (2, from o in OffsetGen(scale)
                    from n in Gen.Choose(2, 12)
                    select new Op(OpKind.Burst, o, n, 0)),
                (3, Gen.Choose(0, int.MaxValue).Select(p => new Op(OpKind.ScheduleAtIssuedTime, 0, 1, p))),
                (4, Gen.Choose(1, 12).Select(n => new Op(OpKind.Pop, 0, n, 0))),
                (1, OffsetGen(scale).Select(o => new Op(OpKind.RunUntilOffset, o, 0, 0))))
            .ArrayOf(length)
        select new Workload(ops);

    // ---- the model -----------------------------------------------------------------------------------

    /// <summary>The specification: pending events in a set sorted by (time, sequence).</summary>
    private sealed class Model
    {
        private readonly SortedSet<(long Time, long Sequence)> _pending = [];

        public long Now { get; set; }

        public long NextSequence { get; private set; } = 1;

        public List<(long Time, long Sequence)> Issued { get; } = [];

        public int Count => _pending.Count;

        public long PeekTime => _pending.Count == 0 ? long.MaxValue : _pending.Min.Time;

        public long Schedule(long time)
        {
            long sequence = NextSequence++;
            _pending.Add((time, sequence));
            Issued.Add((time, sequence));
            return sequence;
        }

        /// <summary>True when the event was pending (and now is not).</summary>
        public bool Cancel((long Time, long Sequence) key) => _pending.Remove(key);

        public (long Time, long Sequence) Pop()
        {
            (long Time, long Sequence) first = _pending.Min;
            _pending.Remove(first);
            Now = first.Time;
            return first;
        }

        /// <summary>The due time of an issued event chosen by <paramref name="pick"/>, or now if it is past: an equal key.</summary>
        public long IssuedTimeAt(int pick) => Math.Max(Now, Issued[pick % Issued.Count].Time);
    }

    // ---- the internal calendar against the model --------------------------------------------------------

    private static readonly Action<Simulation, object?> NoOp = static (_, _) => { };

    // Cheap checks for the hot loops (xunit's Assert.Equal is slow when called a million times); on a mismatch
    // they defer to Assert.Equal for its message.
    private static void Expect<T>(T expected, T actual)
        where T : IEquatable<T>
    {
        if (!expected.Equals(actual))
        {
            Assert.Equal(expected, actual);
        }
    }

    private static void ExpectSequence<T>(List<T> expected, IEnumerable<T> actual)
    {
        if (!expected.SequenceEqual(actual))
        {
            Assert.Equal(expected, actual);
        }
    }

    [Property(MaxTest = 30)]
    public Property EventCalendar_RandomOperations_PopsInModelOrder() =>
        Prop.ForAll(Workloads, workload => CheckCalendarAgainstModel(workload, prefill: 0));

    /// <summary>
    /// The same, on top of 9,000 to 20,000 pending entries: enough for the calendar to prefetch (windows loaded
    /// from lists walked ahead), which must not change the order.
    /// </summary>
    [Property(MaxTest = 8)]
    public Property EventCalendar_LargePendingSet_PopsInModelOrder() =>
        Prop.ForAll(Workloads, Gen.Choose(9_000, 20_000).ToArbitrary(), (workload, prefill) => CheckCalendarAgainstModel(workload, prefill));

    /// <summary>
    /// Few pending entries, so the calendar keeps moving in and out of its small sorted array; with the vector insert
    /// (where the hardware has 256-bit vectors) and with the scalar one every machine can run.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property EventCalendar_FewPendingEntries_PopsInModelOrderWithEitherInsert() =>
        Prop.ForAll(SmallWorkloadGen.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (workload, vector) =>
            CheckCalendarAgainstModel(workload, prefill: 0, vectorInsert: vector));

    private static void CheckCalendarAgainstModel(Workload workload, int prefill, bool vectorInsert = true)
    {
        var calendar = new EventCalendar(vectorInsert);
        var model = new Model();

        void Push(long time)
        {
            long sequence = model.Schedule(time);
            calendar.Push(new CalendarEntry { Time = time, Sequence = sequence, Handler = NoOp, State = null });
        }

        void PopAndCompare()
        {
            (long time, long sequence) expected = model.Pop();
            CalendarEntry actual = calendar.Pop();
            Expect((expected.time, expected.sequence), (actual.Time, actual.Sequence));
        }

        if (prefill > 0)
        {
            // Exponential-like spread over one time scale (most near, a few far), with the scale from the count.
            var rng = new RandomStream((ulong)prefill);
            long unit = Scales[prefill % Scales.Length].Unit;
            for (int i = 0; i < prefill; i++)
            {
                Push(model.Now + (long)(-Math.Log(1.0 - rng.NextDouble()) * 100 * unit));
            }

            for (int i = 0; i < prefill / 2; i++)
            {
                PopAndCompare();
                Push(model.Now + (long)(-Math.Log(1.0 - rng.NextDouble()) * 100 * unit));
            }

            Assert.True(calendar.IsPrefetching, "a calendar this large prefetches");
        }

        foreach (Op op in workload.Ops)
        {
            switch (op.Kind)
            {
                case OpKind.Schedule:
                    Push(model.Now + op.Offset);
                    break;
                case OpKind.Burst:
                    for (int i = 0; i < op.Count; i++)
                    {
                        Push(model.Now + op.Offset);
                    }

                    break;
                case OpKind.ScheduleAtIssuedTime when model.Issued.Count > 0:
                    Push(model.IssuedTimeAt(op.Pick));
                    break;
                case OpKind.Cancel:
                    break; // the calendar itself never cancels: the simulation drops cancelled entries as they pop
                case OpKind.Pop:
                    for (int i = 0; i < op.Count && model.Count > 0; i++)
                    {
                        PopAndCompare();
                    }

                    break;
                case OpKind.RunUntilOffset:
                case OpKind.RunUntilIssuedTime when model.Issued.Count > 0:
                    long end = op.Kind == OpKind.RunUntilOffset ? model.Now + op.Offset : model.IssuedTimeAt(op.Pick);
                    while (model.PeekTime < end)
                    {
                        Assert.True(calendar.PeekTime() < end);
                        PopAndCompare();
                    }

                    Expect(model.PeekTime, calendar.PeekTime());
                    model.Now = end;
                    break;
            }

            Expect(model.Count, calendar.Count);
        }

        while (model.Count > 0)
        {
            Expect(model.PeekTime, calendar.PeekTime());
            PopAndCompare();
        }

        Expect(0, calendar.Count);
        Expect(long.MaxValue, calendar.PeekTime());
    }

    // ---- the public Simulation API against the model ----------------------------------------------------

    private sealed class Probe(List<(long Sequence, long Time)> log, long sequence)
    {
        public List<(long Sequence, long Time)> Log { get; } = log;

        public long Sequence { get; } = sequence;
    }

    private static readonly Action<Simulation, Probe> Record = static (sim, probe) => probe.Log.Add((probe.Sequence, sim.Now.Ticks));

    [Property(MaxTest = 30)]
    public Property Simulation_RandomScheduleCancelRun_RunsInModelOrderAndNeverRunsCancelled() =>
        Prop.ForAll(Workloads, workload =>
        {
            var sim = new Simulation();
            var model = new Model();
            var log = new List<(long Sequence, long Time)>();
            var handles = new List<EventHandle>();

            void Schedule(long time)
            {
                long sequence = model.Schedule(time);
                EventHandle handle = sim.Schedule(SimDuration.FromTicks(time - sim.Now.Ticks), Record, new Probe(log, sequence));
                Expect(sequence, handle.Sequence);
                Expect(time, handle.Time.Ticks);
                handles.Add(handle);
            }

            foreach (Op op in workload.Ops)
            {
                switch (op.Kind)
                {
                    case OpKind.Schedule:
                        Schedule(model.Now + op.Offset);
                        break;
                    case OpKind.Burst:
                        for (int i = 0; i < op.Count; i++)
                        {
                            Schedule(model.Now + op.Offset);
                        }

                        break;
                    case OpKind.ScheduleAtIssuedTime when model.Issued.Count > 0:
                        Schedule(model.IssuedTimeAt(op.Pick));
                        break;
                    case OpKind.Cancel when handles.Count > 0:
                        int index = op.Pick % handles.Count;
                        bool expected = model.Cancel(model.Issued[index]);
                        Expect(expected, sim.Cancel(handles[index]));
                        Assert.False(sim.Cancel(handles[index])); // a second cancel never succeeds
                        break;
                    case OpKind.Pop:
                        for (int i = 0; i < op.Count; i++)
                        {
                            if (model.Count == 0)
                            {
                                Expect(0L, sim.Run(1));
                                break;
                            }

                            (long time, long sequence) next = model.Pop();
                            Expect(1L, sim.Run(1));
                            Expect((next.sequence, next.time), log[^1]);
                            Expect(next.time, sim.Now.Ticks);
                        }

                        break;
                    case OpKind.RunUntilOffset:
                    case OpKind.RunUntilIssuedTime when model.Issued.Count > 0:
                        long end = op.Kind == OpKind.RunUntilOffset ? model.Now + op.Offset : model.IssuedTimeAt(op.Pick);
                        int before = log.Count;
                        var expectedRun = new List<(long Sequence, long Time)>();
                        while (model.PeekTime < end)
                        {
                            (long time, long sequence) next = model.Pop();
                            expectedRun.Add((next.sequence, next.time));
                        }

                        sim.RunUntil(SimTime.FromTicks(end));
                        model.Now = end;
                        ExpectSequence(expectedRun, log.Skip(before));
                        Expect(end, sim.Now.Ticks);
                        break;
                }

                Expect(model.Count, sim.PendingEvents);
                Expect(model.Now, sim.Now.Ticks); // cancelled events never move the clock
            }

            int drained = log.Count;
            var rest = new List<(long Sequence, long Time)>();
            while (model.Count > 0)
            {
                (long time, long sequence) next = model.Pop();
                rest.Add((next.sequence, next.time));
            }

            sim.Run();
            ExpectSequence(rest, log.Skip(drained));
            Expect(model.Now, sim.Now.Ticks);
            Expect(0, sim.PendingEvents);
            Expect((long)log.Count, sim.EventsProcessed);
        });

    // ---- unit tests ------------------------------------------------------------------------------------

    [Fact]
    public void EventCalendar_DelaysFarShorterThanTheFirstWindow_ReTunesInsteadOfGrowingOneHeap()
    {
        // 10,000 entries within 1 ms: all inside the calendar's first window (about 18 minutes wide). Pushes into the
        // current window must still re-tune, or the calendar is one binary heap of everything, never re-tuned.
        var calendar = new EventCalendar();
        for (int i = 0; i < 10_000; i++)
        {
            calendar.Push(new CalendarEntry { Time = i * 7919 % 1000, Sequence = i + 1, Handler = NoOp });
        }

        long previous = -1;
        for (int i = 0; i < 100; i++)
        {
            long time = calendar.Pop().Time;
            Assert.True(time >= previous);
            previous = time;
        }

        Assert.InRange(calendar.WindowCount, 0, 200);
    }

    [Fact]
    public void EventCalendar_BurstAtOneInstant_ReTunesLogarithmicallyOften()
    {
        // No window width splits 100,000 entries at one instant; re-tuning on every push would be quadratic.
        var calendar = new EventCalendar();
        for (int i = 0; i < 100_000; i++)
        {
            calendar.Push(new CalendarEntry { Time = 5_000, Sequence = i + 1, Handler = NoOp });
        }

        Assert.InRange(calendar.Retunes, 1, 40);
        for (int i = 0; i < 100_000; i++)
        {
            Expect(i + 1L, calendar.Pop().Sequence);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EventCalendar_FewEntriesAtAFixedDelay_ReTunesOnceAndAllocatesNothing(int entries)
    {
        // One lone process re-scheduling itself an hour ahead: the width was once measured from the earliest pending
        // entry (distance 0: a one-tick window), so the calendar re-tuned, and allocated, every five pops.
        var calendar = new EventCalendar();
        long sequence = 0;
        for (int i = 0; i < entries; i++)
        {
            calendar.Push(new CalendarEntry { Time = Hour * (i + 1), Sequence = ++sequence, Handler = NoOp });
        }

        for (int i = 0; i < 2_000; i++)
        {
            long time = calendar.Pop().Time;
            calendar.Push(new CalendarEntry { Time = time + Hour, Sequence = ++sequence, Handler = NoOp });
        }

        int retunes = calendar.Retunes;
        long previous = 0;
        long[] windows = SteadyStateAllocation.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                long time = calendar.Pop().Time;
                Assert.True(time >= previous);
                previous = time;
                calendar.Push(new CalendarEntry { Time = time + Hour, Sequence = ++sequence, Handler = NoOp });
            }
        });

        Assert.InRange(calendar.Retunes - retunes, 0, 1);
        SteadyStateAllocation.AssertAtMost(windows, 0, "100,000 pops and pushes");
        Assert.InRange(retunes, 0, 3);
    }

    private const long Hour = 3_600_000_000;

    [Fact]
    public void Run_TenThousandEventsAtOneInstant_RunInSchedulingOrder()
    {
        var sim = new Simulation();
        var log = new List<(long Sequence, long Time)>();
        for (int i = 1; i <= 10_000; i++)
        {
            sim.Schedule(SimDuration.FromDays(3), Record, new Probe(log, i));
        }

        sim.Run();

        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), log.Select(e => e.Sequence));
    }

    [Fact]
    public void Run_FarFutureEventsAmongNearOnes_DrainInTimeOrder()
    {
        // "Never" events at SimTime.MaxValue (and near it) mixed with thousands of near events: the calendar's
        // width estimate must not overflow when the spread of pending times is close to the whole tick range.
        var sim = new Simulation();
        var log = new List<(long Sequence, long Time)>();
        var expected = new List<(long Time, long Sequence)>();
        var stream = new RandomStream(7);
        for (int i = 1; i <= 3000; i++)
        {
            SimTime at = (i % 3) switch
            {
                0 => SimTime.MaxValue,
                1 => SimTime.FromTicks(long.MaxValue - stream.NextInt64(1_000_000)),
                _ => SimTime.FromTicks(stream.NextInt64(1_000_000_000)),
            };
            sim.ScheduleAt(at, Record, new Probe(log, i));
            expected.Add((at.Ticks, i));
        }

        sim.Run();

        Assert.Equal(expected.Order().Select(e => (e.Sequence, e.Time)), log);
    }
}
