namespace CorridorSim.Experiments;

/// <summary>How designs enumerate their rows, and how a shard picks its share of them.</summary>
internal static class Rows
{
    /// <summary>
    /// <paramref name="variants"/> × <paramref name="replications"/> rows, the variant slowest: row v·R + r is
    /// variant v, sample 0, replication r, all with the same master seed, so every variant draws the same random
    /// streams (common random numbers) and replication r of a variant is what a projection of it alone runs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is less than 1, or there would be more than <see cref="int.MaxValue"/> rows.</exception>
    public static IReadOnlyList<Row> Grid(int variants, int replications, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variants, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)variants * replications, int.MaxValue, nameof(variants));
        var rows = new Row[variants * replications];
        for (int v = 0; v < variants; v++)
        {
            for (int r = 0; r < replications; r++)
            {
                int index = (v * replications) + r;
                rows[index] = new Row(index, v, Sample: 0, r, seed);
            }
        }

        return Array.AsReadOnly(rows);
    }

    /// <summary>
    /// The rows of shard <paramref name="shard"/> of <paramref name="shardCount"/>: row indices shard, shard + n,
    /// shard + 2n, …, in row order. The shards 0..n − 1 are disjoint and together hold every row once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardCount"/> is less than 1, or <paramref name="shard"/> is outside 0..n − 1.</exception>
    public static IReadOnlyList<Row> Shard(IReadOnlyList<Row> rows, int shard, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shardCount);
        return rows.Where(r => r.Index % shardCount == shard).ToList().AsReadOnly();
    }
}
