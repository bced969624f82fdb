using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class RunnerTests
{
    private static ScenarioDesign Design(int variants = 2, int replications = 3) =>
        new([.. Enumerable.Range(0, variants).Select(v => TestScenarios.Small(years: 2, vessels: 2 + v))], replications, 7);

    [Fact]
    public void Run_OneThreadVersusTwo_SameRecordsInRowOrder()
    {
        ScenarioDesign design = Design();

        RowRecord[] one = Runner.Run(design, maxThreads: 1, null, default);
        RowRecord[] two = Runner.Run(design, maxThreads: 2, null, default);

        Assert.Equal(design.Rows, one.Select(r => r.Row));
        Assert.Equal(Text(one), Text(two));
    }

    [Fact]
    public void Run_ShardsOfTheRows_MergedInRowOrderGiveTheFullRunsRecords()
    {
        ScenarioDesign design = Design();
        RowRecord[] full = Runner.Run(design, 2, null, default);

        RowRecord[] merged = [.. Enumerable.Range(0, 3)
            .SelectMany(i => Runner.Run(design, Rows.Shard(design.Rows, i, 3), 1, null, default))
            .OrderBy(r => r.Row.Index)];

        Assert.Equal(Text(full), Text(merged));
    }

    [Fact]
    public void Run_Row_IsCreateRunWithItsSeedAndReplicationIndex()
    {
        ScenarioDesign design = Design(variants: 1, replications: 3);
        CorridorRun direct = new CorridorModel(design.Variants[0].Corridor).CreateRun(7, 2, 2024, 30);
        YearResult first = direct.RunYear();
        YearResult second = direct.RunYear();

        RowRecord record = Runner.Run(design, [design.Rows[2]], 1, null, default).Single();

        Assert.Equal(YearRecord.From(first).DeliveredTons, record.Years[0].DeliveredTons);
        Assert.Equal(YearRecord.From(second).MeanTransitDays, record.Years[1].MeanTransitDays);
        Assert.Equal(second.Year, record.Years[1].Year);
    }

    [Fact]
    public void Run_Progress_FinishedPrefixOnceEachInIncreasingOrder()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<int>();

        Runner.Run(Design(), maxThreads: 2, new SyncProgress(seen.Enqueue), default);

        Assert.Equal([1, 2, 3, 4, 5, 6], seen);
    }

    [Fact]
    public void Map_TwoThreads_ProgressKeepsUpWithTheItemsFinished()
    {
        // Items taken in index order: the finished prefix trails the items finished by at most the ones still running.
        // Parallel.For's default split started the second thread halfway, so the prefix (and a bar's ETA) showed half
        // the work done until the end.
        int finished = 0, worstLag = 0;
        var gate = new object();
        var progress = new SyncProgress(k =>
        {
            lock (gate)
            {
                worstLag = Math.Max(worstLag, Volatile.Read(ref finished) - k);
            }
        });

        // Each item first waits (10 s at most) until two threads have started items, so both threads really work:
        // a busy test host may otherwise start the second one after the first has done everything.
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        string[] results = Runner.Map(60, maxThreads: 2, k =>
        {
            threads.TryAdd(Environment.CurrentManagedThreadId, true);
            SpinWait.SpinUntil(() => threads.Count >= 2, TimeSpan.FromSeconds(10));
            Thread.Sleep(3);
            Interlocked.Increment(ref finished);
            return k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }, progress, default);

        Assert.Equal(Enumerable.Range(0, 60).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), results);
        Assert.Equal(2, threads.Count);
        Assert.True(worstLag <= 2, $"the reported prefix trailed the items finished by up to {worstLag}");
    }

    [Fact]
    public void Map_ItemThrows_ThatExceptionAndNoNewItemsTaken()
    {
        int started = 0;

        var ex = Assert.Throws<InvalidOperationException>(() => Runner.Map<string>(1000, maxThreads: 2, k =>
        {
            Interlocked.Increment(ref started);
            Thread.Sleep(1);
            return k == 3 ? throw new InvalidOperationException("item 3") : "done";
        }, null, default));

        Assert.Equal("item 3", ex.Message);
        Assert.True(started < 10, $"{started} items started"); // items 0–3, and what the other thread had in hand
    }

    [Fact]
    public void Run_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Runner.Run(Design(), 2, null, cts.Token));
    }

    /// <summary>Every value of the records as round-trip text, so equality is bit for bit.</summary>
    internal static string Text(IEnumerable<RowRecord> records) => string.Join("\n", records.SelectMany(r => r.Years.Select(y =>
        string.Join(",", [
            r.Row.ToString(), .. new[] { y.Year, y.GeneratedTons, y.DeliveredTons, y.TonsInSystemAtYearEnd, y.MeanTransitDays, y.P50TransitDays, y.P95TransitDays }.Select(R),
            y.Bottleneck, .. y.DeliveredTonsByCommodity.Select(kv => kv.Key + "=" + R(kv.Value)),
            .. y.Components.Select(c => string.Join(";", c.Id, c.Kind, R(c.Utilization), R(c.MeanWaitHours), R(c.P95WaitHours), R(c.TonsThrough), R(c.MeanQueue))),
            .. y.Flows.Select(f => string.Join(";", f.Id, f.Commodity, R(f.GeneratedTons), R(f.DeliveredTons), R(f.MeanTransitDays), R(f.P50TransitDays), R(f.P95TransitDays))),
        ]))));

    private static string R(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
