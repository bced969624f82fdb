using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary>The calendar's small sorted array (<see cref="SmallEventArray"/>), through the calendar: its thresholds, equal times, the last instant, and its arrays reused.</summary>
public class SmallEventArrayTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EventCalendar_SmallArray_HoldsUpTo16EntriesAndTakesBackAtMost8(bool vectorInsert)
    {
        var calendar = new EventCalendar(vectorInsert);
        long sequence = 0;
        for (int i = 0; i < 16; i++)
        {
            calendar.Push(new CalendarEntry { Time = Hour * (16 - i), Sequence = ++sequence, Handler = NoOp });
            Assert.True(calendar.IsSmall, $"{i + 1} entries fit the small array");
        }

        calendar.Push(new CalendarEntry { Time = Hour * 17, Sequence = ++sequence, Handler = NoOp });
        Assert.False(calendar.IsSmall); // the 17th moves them all to the buckets
        Assert.Equal(1, calendar.Retunes);

        var times = new List<long>();
        while (calendar.Count > 8)
        {
            times.Add(calendar.Pop().Time);
            Assert.False(calendar.IsSmall);
        }

        // The next window that runs dry finds at most 8 entries: they move back to the small array.
        while (calendar.Count > 0)
        {
            times.Add(calendar.Pop().Time);
        }

        Assert.True(calendar.IsSmall);
        Assert.Equal(Enumerable.Range(1, 17).Select(h => h * Hour), times);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EventCalendar_SmallArray_KeepsEqualTimesFirstInFirstOutAndTakesTheLastInstant(bool vectorInsert)
    {
        // Equal times leave in scheduling order; an entry at long.MaxValue (SimTime.MaxValue, "never") sorts last
        // (the array's sentinel must stay later than it).
        var calendar = new EventCalendar(vectorInsert);
        long[] times = [long.MaxValue, 5, 5, 0, long.MaxValue, 5, 3, 0, long.MaxValue - 1, 3, 5, 0];
        for (int i = 0; i < times.Length; i++)
        {
            calendar.Push(new CalendarEntry { Time = times[i], Sequence = i + 1, Handler = NoOp });
            Assert.Equal(times[..(i + 1)].Min(), calendar.PeekTime());
        }

        Assert.True(calendar.IsSmall);
        var expected = times.Select((t, i) => (t, (long)i + 1)).Order().ToList();
        var actual = new List<(long, long)>();
        while (calendar.Count > 0)
        {
            CalendarEntry e = calendar.Pop();
            actual.Add((e.Time, e.Sequence));
        }

        Assert.Equal(expected, actual);
        Assert.Equal(long.MaxValue, calendar.PeekTime());
    }

    [Fact]
    public void EventCalendar_InAndOutOfTheSmallArray_ReusesItsArrays()
    {
        // A population that swings between 2 and 40 pending entries leaves the small array (and re-tunes) and comes
        // back in most cycles. Re-tuning once allocated a list of the pending entries, a sample and a bucket array
        // (over 1 KB) each time; now only a high-water growth of an array allocates.
        var calendar = new EventCalendar();
        var rng = new RandomStream(11);
        long sequence = 0;
        long now = 0;
        int backInSmall = 0;
        const int Cycles = 1000;
        void RunCycles(int cycles)
        {
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                while (calendar.Count < 40)
                {
                    calendar.Push(new CalendarEntry { Time = now + rng.NextInt64(1, 10 * Hour), Sequence = ++sequence, Handler = NoOp });
                }

                Assert.False(calendar.IsSmall);
                while (calendar.Count > 2)
                {
                    now = calendar.Pop().Time;
                }

                backInSmall += calendar.IsSmall ? 1 : 0;
            }
        }

        RunCycles(Cycles / 4); // warm up: the arrays reach their high-water sizes
        long[] windows = SteadyStateAllocation.Measure(() => RunCycles(Cycles / 4));

        Assert.InRange(backInSmall, Cycles / 2, Cycles);
        Assert.InRange(calendar.Retunes, backInSmall, 3 * Cycles);
        SteadyStateAllocation.AssertAtMost(windows, 0, $"{Cycles / 4} cycles of 2 to 40 pending entries");
    }

    private const long Hour = 3_600_000_000;

    private static readonly Action<Simulation, object?> NoOp = static (_, _) => { };
}
