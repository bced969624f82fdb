using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CorridorSim.Experiments;

/// <summary>
/// Runs a design's rows, one simulation per row, in parallel, and returns the records by row position, so the
/// result is bit-identical at any thread count.
/// </summary>
internal static class Runner
{
    /// <summary>Runs every row of <paramref name="design"/>.</summary>
    /// <inheritdoc cref="Run(IDesign, IReadOnlyList{Row}, int, IProgress{int}?, CancellationToken, bool)"/>
    public static RowRecord[] Run(IDesign design, int maxThreads, IProgress<int>? progress, CancellationToken ct, bool keepStopped = false)
    {
        ArgumentNullException.ThrowIfNull(design);
        return Run(design, design.Rows, maxThreads, progress, ct, keepStopped);
    }

    /// <summary>
    /// Runs <paramref name="rows"/> (all of a design's rows, or a shard's) on up to <paramref name="maxThreads"/>
    /// threads; record k is row k's, whatever the scheduling.
    /// </summary>
    /// <param name="design">How each row is simulated.</param>
    /// <param name="rows">The rows to run, in row order.</param>
    /// <param name="maxThreads">The most rows run at once (at least 1).</param>
    /// <param name="progress">
    /// Told k = 1, 2, … once each, in increasing order, when the first k of <paramref name="rows"/> have all finished
    /// (so k = a multiple of a variant's rows means that variant is done); may be called from worker threads.
    /// </param>
    /// <param name="ct">Cancels the run between simulated years.</param>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <param name="keepStopped">Whether a row whose backlog passes its limit returns the years it completed (marked <see cref="RowRecord.Stopped"/>) instead of failing the run.</param>
    public static RowRecord[] Run(IDesign design, IReadOnlyList<Row> rows, int maxThreads, IProgress<int>? progress, CancellationToken ct, bool keepStopped = false)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(rows);
        return Map(rows.Count, maxThreads, k => Simulate(design, rows[k], ct, keepStopped), progress, ct)!;
    }

    /// <summary>
    /// Computes <paramref name="work"/>(k) for k = 0 … <paramref name="count"/> − 1 on up to
    /// <paramref name="maxThreads"/> threads; result k is work k's, whatever the scheduling. Progress as in
    /// <see cref="Run(IDesign, IReadOnlyList{Row}, int, IProgress{int}?, CancellationToken, bool)"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static T[] Map<T>(int count, int maxThreads, Func<int, T?> work, IProgress<int>? progress, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        var results = new T[count];
        var finished = new bool[count];
        int reported = 0;
        var gate = new object();

        // Items one at a time in index order: a range split would start the second thread halfway, and the finished
        // prefix (what progress reports) would then show half the work done until the end, a bar's ETA twice the time.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads, CancellationToken = ct };
        var inOrder = Partitioner.Create(Enumerable.Range(0, count), EnumerablePartitionerOptions.NoBuffering);
        try
        {
            Parallel.ForEach(inOrder, parallel, k =>
            {
                if (work(k) is not { } result)
                {
                    return;
                }

                results[k] = result;
                if (progress is not null)
                {
                    // Once per item, not on the hot path; reports the finished prefix so counts rise one by one.
                    lock (gate)
                    {
                        finished[k] = true;
                        while (reported < finished.Length && finished[reported])
                        {
                            progress.Report(++reported);
                        }
                    }
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        ct.ThrowIfCancellationRequested();
        return results;
    }

    /// <summary>One row's years; null when cancelled.</summary>
    private static RowRecord? Simulate(IDesign design, Row row, CancellationToken ct, bool keepStopped)
    {
        var years = new List<YearRecord>();
        try
        {
            (Corridor.CorridorRun run, int yearCount) = design.Start(row);
            for (int y = 0; y < yearCount; y++)
            {
                if (ct.IsCancellationRequested)
                {
                    return null;
                }

                years.Add(YearRecord.From(run.RunYear()));
            }
        }
        catch (Corridor.BacklogLimitException stopped) when (keepStopped)
        {
            return new RowRecord(row, years.AsReadOnly()) { Stopped = stopped };
        }

        return new RowRecord(row, years.AsReadOnly());
    }
}
