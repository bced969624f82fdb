using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class RowsTests
{
    [Fact]
    public void Grid_VariantsByReplications_VariantSlowestSameSeedReplicationIndicesFromZero()
    {
        IReadOnlyList<Row> rows = Rows.Grid(variants: 3, replications: 4, seed: 7);

        Assert.Equal(12, rows.Count);
        Assert.Equal(Enumerable.Range(0, 12), rows.Select(r => r.Index));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i / 4), rows.Select(r => r.Variant));
        // Replication r of every variant is replication r of a projection alone: CreateRun(seed, r, …), common random numbers.
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i % 4), rows.Select(r => r.Replication));
        Assert.All(rows, r => Assert.Equal(7ul, r.Seed));
        Assert.All(rows, r => Assert.Equal(0, r.Sample));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(12, 1)]
    [InlineData(12, 5)]
    [InlineData(7, 7)]
    [InlineData(3, 8)]
    public void Shard_EveryShardOfN_DisjointAndTogetherEveryRowOnceInRowOrder(int rowCount, int shardCount)
    {
        IReadOnlyList<Row> rows = Rows.Grid(rowCount, 1, seed: 1);

        IReadOnlyList<Row>[] shards = [.. Enumerable.Range(0, shardCount).Select(i => Rows.Shard(rows, i, shardCount))];

        Assert.Equal(rows, shards.SelectMany(s => s).OrderBy(r => r.Index));
        for (int i = 0; i < shardCount; i++)
        {
            Assert.All(shards[i], r => Assert.Equal(i, r.Index % shardCount));
            Assert.Equal(shards[i].OrderBy(r => r.Index), shards[i]);
            Assert.Equal(Enumerable.Range(0, rowCount).Where(k => k % shardCount == i), shards[i].Select(r => r.Index));
        }
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    public void Shard_IndexOutsideTheShards_ArgumentOutOfRange(int shard, int shardCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rows.Shard(Rows.Grid(2, 2, 0), shard, shardCount));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(100_000, 100_000)]
    public void Grid_CountsOutOfRange_ArgumentOutOfRange(int variants, int replications)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rows.Grid(variants, replications, 0));
    }
}
