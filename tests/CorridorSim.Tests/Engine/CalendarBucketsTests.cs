using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary><see cref="CalendarBuckets"/>: nodes filed by window, loaded one window at a time, empty stretches jumped.</summary>
public class CalendarBucketsTests
{
    private static readonly Action<Simulation, object?> NoOp = static (_, _) => { };

    [Fact]
    public void LoadNextWindow_NodesOfSeveralWindowsSharingABucket_LoadsOnlyTheEarliestWindow()
    {
        var buckets = CalendarBuckets.Create(); // 16 buckets of 2^30 ticks
        var nodes = new CalendarNode[4];
        long width = 1L << buckets.Shift;
        long[] times = [3 * width, (3 + 16) * width, (3 * width) + 5, 7 * width]; // nodes 0 and 2 in window 3, 1 in 19 (same bucket)
        for (int i = 0; i < times.Length; i++)
        {
            nodes[i] = new CalendarNode { Time = times[i], Sequence = i + 1, Handler = NoOp };
            buckets.Link(nodes, i, times[i] >> buckets.Shift);
        }

        var window = CalendarWindow.Create();
        buckets.LoadNextWindow(nodes, ref window, asHeap: false);

        Assert.Equal(3, buckets.Window);
        Assert.Equal(2, window.Count);
        Assert.Equal(2, buckets.Count);
        Assert.Equal(0, window.Take());
        Assert.Equal(2, window.Take());
    }

    [Fact]
    public void LoadNextWindow_NothingForAWholeCycle_JumpsToTheEarliestNode()
    {
        var buckets = CalendarBuckets.Create();
        var nodes = new CalendarNode[1];
        long time = 1_000L << buckets.Shift; // 62 cycles of 16 windows ahead
        nodes[0] = new CalendarNode { Time = time, Sequence = 1, Handler = NoOp };
        buckets.Link(nodes, 0, time >> buckets.Shift);

        var window = CalendarWindow.Create();
        buckets.LoadNextWindow(nodes, ref window, asHeap: false);

        Assert.Equal(1_000, buckets.Window);
        Assert.Equal(0, window.Take());
        Assert.Equal(0, buckets.Count);
    }
}
