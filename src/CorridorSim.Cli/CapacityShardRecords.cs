using CorridorSim.Experiments;
using Parquet.Serialization;

namespace CorridorSim.Cli;

/// <summary>
/// The capacity rows of a <c>run --capacity</c> shard (docs/records.md): one Parquet row per simulated year the shard
/// searched, with every search the year's summary uses — the search in each capacity replication, the bottleneck
/// candidates those searches chose, and each candidate relieved in each replication.
/// </summary>
internal static class CapacityShardRecords
{
    /// <summary>The name of the capacity rows' file in a shard's output folder.</summary>
    public const string FileName = "capacity.parquet";

    /// <summary>Writes design row <c>rows[k]</c>, the year <c>years[k]</c>'s searches.</summary>
    public static void Write(string path, IReadOnlyList<int> rows, IReadOnlyList<YearSearches> years)
    {
        var dtos = new List<YearDto>(rows.Count);
        for (int k = 0; k < rows.Count; k++)
        {
            YearSearches y = years[k];
            dtos.Add(new YearDto
            {
                Index = rows[k],
                Year = y.Year,
                Baseline = [.. y.Baseline.Select(ShardRecords.SearchDto.Of)],
                Candidates = [.. y.Candidates],
                Relieved = [.. y.Relieved.Select(ShardRecords.SearchDto.Of)],
            });
        }

        using FileStream stream = File.Create(path);
        // On the thread pool: a caller's synchronization context (a test runner's) must not receive the continuations it waits for.
        Task.Run(() => ParquetSerializer.SerializeAsync(dtos, stream)).GetAwaiter().GetResult();
    }

    /// <summary>Reads a file <see cref="Write"/> wrote: each capacity row's design index and searches, in the file's order.</summary>
    public static List<(int Index, YearSearches Searches)> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        IList<YearDto> rows = Task.Run(() => ParquetSerializer.DeserializeAsync<YearDto>(stream)).GetAwaiter().GetResult().Data;
        return [.. rows.Select(d => (d.Index, new YearSearches(d.Year, [.. d.Baseline.Select(s => s.ToResult())], [.. d.Candidates], [.. d.Relieved.Select(s => s.ToResult())])))];
    }

    internal sealed class YearDto
    {
        public int Index { get; set; }

        public int Year { get; set; }

        public List<ShardRecords.SearchDto> Baseline { get; set; } = [];

        public List<string> Candidates { get; set; } = [];

        public List<ShardRecords.SearchDto> Relieved { get; set; } = [];
    }
}
