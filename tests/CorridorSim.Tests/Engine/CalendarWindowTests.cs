using CorridorSim.Engine;

namespace CorridorSim.Tests.Engine;

/// <summary><see cref="CalendarWindow"/>: keys leave in (time, sequence) order whether scanned or kept as a heap.</summary>
public class CalendarWindowTests
{
    [Theory]
    [InlineData(5, false)] // scanned: at most 16 keys
    [InlineData(5, true)] // a heap from the first key (as while prefetching)
    [InlineData(300, false)] // a heap once the 17th key arrives
    public void Take_RandomKeysWithTies_LeaveInTimeThenSequenceOrder(int count, bool asHeap)
    {
        var rng = new RandomStream(3);
        var window = CalendarWindow.Create();
        var keys = new List<CalendarKey>();
        for (int i = 0; i < count; i++)
        {
            var key = new CalendarKey { Time = rng.NextInt64(0, 8), Sequence = i + 1, Node = i };
            keys.Add(key);
            window.Add(key, asHeap);
        }

        Assert.Equal(asHeap || count > 16, window.IsHeap);
        Assert.Equal(keys.Min(k => k.Time), window.PeekTime());
        var taken = new List<int>();
        while (window.Count > 0)
        {
            taken.Add(window.Take());
        }

        Assert.Equal(keys.OrderBy(k => k.Time).ThenBy(k => k.Sequence).Select(k => k.Node), taken);
        Assert.False(window.IsHeap);
    }

    [Fact]
    public void FirstAndSecondNode_Heap_AreTheNextTwoToLeave()
    {
        var window = CalendarWindow.Create();
        long[] times = [40, 10, 30, 10, 20];
        for (int i = 0; i < times.Length; i++)
        {
            window.Add(new CalendarKey { Time = times[i], Sequence = i + 1, Node = i }, asHeap: true);
        }

        int first = window.FirstNode;
        int second = window.SecondNode;

        Assert.Equal(1, first);
        Assert.Equal(3, second);
        Assert.Equal(first, window.Take());
        Assert.Equal(second, window.Take());
    }
}
