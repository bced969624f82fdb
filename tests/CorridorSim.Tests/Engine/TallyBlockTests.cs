using CorridorSim.Engine;
using FsCheck;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Engine;

/// <summary><see cref="Tally.AddAll"/>: blocks of observations give what one by one gives, up to rounding.</summary>
public class TallyBlockTests
{
    [Property]
    public bool AddAll_AnyBlocks_MatchesOneByOne(NormalFloat[] values, byte[] cuts)
    {
        double[] xs = values.Select(v => Math.Abs(v.Get) % 1e6).ToArray();
        Tally single = Tally.WithBinnedPercentiles(), blocks = Tally.WithBinnedPercentiles();
        foreach (double x in xs)
        {
            single.Add(x);
        }

        int start = 0;
        foreach (byte c in cuts)
        {
            int n = Math.Min(c % 40, xs.Length - start);
            blocks.AddAll(xs.AsSpan(start, n));
            start += n;
        }

        blocks.AddAll(xs.AsSpan(start));
        if (xs.Length == 0)
        {
            return blocks.Count == 0 && double.IsNaN(blocks.Mean) && double.IsNaN(blocks.Min);
        }

        double scale = Math.Max(1, xs.Max());
        bool varianceClose = xs.Length < 2 || Math.Abs(blocks.Variance - single.Variance) <= 1e-9 * scale * scale;
        return blocks.Count == single.Count
            && Math.Abs(blocks.Sum - single.Sum) <= 1e-9 * scale * xs.Length
            && Math.Abs(blocks.Mean - single.Mean) <= 1e-9 * scale
            && varianceClose
            && blocks.Min == single.Min
            && blocks.Max == single.Max
            && blocks.Percentile(0.5) == single.Percentile(0.5)
            && blocks.Percentile(0.95) == single.Percentile(0.95);
    }

    [Fact]
    public void AddAll_ArithmeticSequenceFarFromZero_VarianceIsTheClosedForm()
    {
        // x_k = 1e6 + k·d, k = 0 … n − 1: variance d²·n(n + 1)/12, a test of cancellation in the block merge.
        const int n = 1000;
        const double d = 1e-3;
        double[] xs = Enumerable.Range(0, n).Select(k => 1e6 + (k * d)).ToArray();
        var tally = new Tally(keepObservations: false);
        for (int start = 0; start < n; start += 300)
        {
            tally.AddAll(xs.AsSpan(start, Math.Min(300, n - start)));
        }

        Assert.Equal(n, tally.Count);
        Assert.Equal(1e6 + (d * (n - 1) / 2), tally.Mean, 6);
        Assert.Equal(d * d * n * (n + 1) / 12, tally.Variance, 1e-6 * d * d * n * n);
        Assert.Equal(xs[0], tally.Min);
        Assert.Equal(xs[^1], tally.Max);
    }

    [Fact]
    public void AddAll_NaNInBlock_ThrowsAfterCountingTheValuesBeforeIt()
    {
        var tally = Tally.WithBinnedPercentiles();

        Assert.Throws<ArgumentOutOfRangeException>(() => tally.AddAll([1, 2, double.NaN, 4]));
        Assert.Equal(2, tally.Count);
        Assert.Equal(1.5, tally.Mean);
    }

    [Fact]
    public void AddAll_NegativeInBinnedBlock_ThrowsButAMomentsTallyTakesIt()
    {
        var binned = Tally.WithBinnedPercentiles();
        var moments = new Tally(keepObservations: false);

        Assert.Throws<ArgumentOutOfRangeException>(() => binned.AddAll([3, -1, 5]));
        moments.AddAll([3, -1, 5]);

        Assert.Equal(1, binned.Count);
        Assert.Equal(3, moments.Count);
        Assert.Equal(7.0 / 3, moments.Mean, 12);
        Assert.Equal(-1, moments.Min);
        Assert.Equal(5, moments.Max);
    }

    [Fact]
    public void AddAll_KeepingObservations_PercentilesAreExact()
    {
        var tally = new Tally();
        tally.AddAll([5, 1, 4, 2, 3]);

        Assert.Equal(3, tally.Percentile(0.5));
        Assert.Equal(5, tally.Count);
    }
}
