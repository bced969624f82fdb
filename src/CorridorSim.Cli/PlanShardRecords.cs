using CorridorSim.Experiments;
using Parquet.Serialization;

namespace CorridorSim.Cli;

/// <summary>
/// A plan shard's records (docs/records.md): one Parquet row per (plan, sample) row of the exhaustive search, with
/// all a merge needs of it — each checked year's service capacity, the probe and trigger years, and when each menu
/// entry started and completed — so the merge's evaluations are the ones a whole run computes.
/// </summary>
internal static class PlanShardRecords
{
    /// <summary>The value that stands for "not in the plan, or a trigger that did not fire" (no date's <see cref="DateTime.ToBinary"/>).</summary>
    private const long None = long.MinValue;

    /// <summary>Writes row <c>rows[k]</c>'s result <c>results[k]</c> with its plan (a mask of <paramref name="masks"/>) and sample.</summary>
    public static void Write(string path, IReadOnlyList<int> rows, IReadOnlyList<ulong> masks, int samples, IReadOnlyList<PlanEvaluator.SampleResult> results)
    {
        var dtos = new List<RowDto>(rows.Count);
        for (int k = 0; k < rows.Count; k++)
        {
            PlanEvaluator.SampleResult r = results[k];
            dtos.Add(new RowDto
            {
                Index = rows[k],
                Mask = unchecked((long)masks[rows[k] / samples]),
                Sample = rows[k] % samples,
                ServiceTons = [.. r.ServiceTons],
                Probes = r.Probes,
                TriggerYears = r.Timing.Years,
                Start = [.. r.Timing.Start.Select(Ticks)],
                Completion = [.. r.Timing.Completion.Select(Ticks)],
            });
        }

        using FileStream stream = File.Create(path);
        // On the thread pool: a caller's synchronization context (a test runner's) must not receive the continuations it waits for.
        Task.Run(() => ParquetSerializer.SerializeAsync(dtos, stream)).GetAwaiter().GetResult();
    }

    /// <summary>Reads a file <see cref="Write"/> wrote: each row's index, plan, sample and result, in the file's order.</summary>
    public static List<(int Index, ulong Mask, int Sample, PlanEvaluator.SampleResult Result)> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        IList<RowDto> rows = Task.Run(() => ParquetSerializer.DeserializeAsync<RowDto>(stream)).GetAwaiter().GetResult().Data;
        return [.. rows.Select(d => (d.Index, unchecked((ulong)d.Mask), d.Sample,
            new PlanEvaluator.SampleResult([.. d.ServiceTons], d.Probes, new PlanEvaluator.Timing([.. d.Start.Select(Date)], [.. d.Completion.Select(Date)], d.TriggerYears))))];
    }

    // ToBinary keeps the date's kind, which the summary's date text shows.
    private static long Ticks(DateTime? d) => d?.ToBinary() ?? None;

    private static DateTime? Date(long value) => value == None ? null : DateTime.FromBinary(value);

    internal sealed class RowDto
    {
        public int Index { get; set; }

        public long Mask { get; set; }

        public int Sample { get; set; }

        public List<double> ServiceTons { get; set; } = [];

        public long Probes { get; set; }

        public int TriggerYears { get; set; }

        public List<long> Start { get; set; } = [];

        public List<long> Completion { get; set; } = [];
    }
}
