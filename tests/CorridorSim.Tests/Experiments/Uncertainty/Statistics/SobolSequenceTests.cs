using CorridorSim.Experiments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class SobolSequenceTests
{
    // Points 1–8 of Joe & Kuo's reference generator (new-joe-kuo-6.21201), dimensions 1–5; point 0 (all zeros) skipped.
    private static readonly double[][] JoeKuoFirstPoints =
    [
        [0.5, 0.5, 0.5, 0.5, 0.5],
        [0.75, 0.25, 0.25, 0.25, 0.75],
        [0.25, 0.75, 0.75, 0.75, 0.25],
        [0.375, 0.375, 0.625, 0.875, 0.375],
        [0.875, 0.875, 0.125, 0.375, 0.875],
        [0.625, 0.125, 0.875, 0.625, 0.625],
        [0.125, 0.625, 0.375, 0.125, 0.125],
        [0.1875, 0.3125, 0.9375, 0.4375, 0.5625],
    ];

    [Fact]
    public void Create_Unscrambled_MatchesJoeKuoReferencePoints()
    {
        double[][] points = SobolSequence.Create(8, 5, seed: 0, scramble: false);

        Assert.Equal(JoeKuoFirstPoints, points);
    }

    // Point 20 of the reference generator in dimensions 36–40: checks table rows beyond the first few.
    [Fact]
    public void Create_Unscrambled_MatchesReferenceInHighDimensions()
    {
        double[][] points = SobolSequence.Create(20, 40, seed: 0, scramble: false);

        Assert.Equal([0.34375, 0.90625, 0.90625, 0.40625, 0.03125], points[19][35..40]);
        Assert.All(points[0], v => Assert.Equal(0.5, v));
    }

    // Dimensions 1 and 2 form a (0, m, 2)-net: 2^m points (with the skipped origin) put exactly one point in every
    // dyadic box of area 2^-m, whatever its shape.
    [Fact]
    public void Create_FirstTwoDimensions_AreAZeroMTwoNet()
    {
        const int M = 10;
        const int N = 1 << M;
        double[][] points = SobolSequence.Create(N - 1, 2, seed: 0, scramble: false);
        double[][] withOrigin = [[0.0, 0.0], .. points];

        for (int a = 0; a <= M; a++)
        {
            int cellsX = 1 << a;
            int cellsY = 1 << (M - a);
            var hits = new int[cellsX * cellsY];
            foreach (double[] p in withOrigin)
            {
                hits[((int)(p[0] * cellsX) * cellsY) + (int)(p[1] * cellsY)]++;
            }

            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    // Every 1-D margin of 2^m − 1 points leaves exactly one dyadic interval of width 2^-m empty (where the skipped
    // origin, shifted or not, would be) and puts one point in each of the others.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Create_EveryMargin_HasOnePointPerDyadicInterval(bool scramble)
    {
        const int M = 9;
        const int N = 1 << M;
        double[][] points = SobolSequence.Create(N - 1, SobolSequence.MaxDimensions, seed: 2026, scramble);

        for (int d = 0; d < SobolSequence.MaxDimensions; d++)
        {
            var hits = new int[N];
            foreach (double[] p in points)
            {
                Assert.InRange(p[d], double.Epsilon, Math.BitDecrement(1.0));
                hits[(int)(p[d] * N)]++;
            }

            Assert.Equal(N - 1, hits.Count(h => h == 1));
            Assert.Equal(1, hits.Count(h => h == 0));
        }
    }

    [Property(MaxTest = 40)]
    public Property Create_Scrambled_ValuesAreInsideTheOpenUnitInterval() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), Gen.Choose(1, 300).ToArbitrary(), (seed, samples) =>
            SobolSequence.Create(samples, 12, seed, scramble: true).All(p => p.All(v => v > 0 && v < 1)));

    [Fact]
    public void Create_SameArgumentsInAnyOrder_AreBitIdentical()
    {
        double[][] a = SobolSequence.Create(100, 6, seed: 3, scramble: true);
        double[][] b = SobolSequence.Create(50, 6, seed: 4, scramble: true);
        double[][] a2 = SobolSequence.Create(100, 6, seed: 3, scramble: true);

        Assert.Equal(a, a2);
        Assert.NotEqual(a[0], b[0]);
        Assert.Equal(a[..50].Select(p => p[..3]), SobolSequence.Create(50, 3, seed: 3, scramble: true));
        Assert.Equal(SobolSequence.Create(10, 3, seed: 1, scramble: false), SobolSequence.Create(10, 3, seed: 2, scramble: false));
    }

    [Fact]
    public void Create_BadArguments_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => SobolSequence.Create(0, 2, 1, false));
        Assert.ThrowsAny<ArgumentException>(() => SobolSequence.Create(10, 0, 1, false));
        Assert.ThrowsAny<ArgumentException>(() => SobolSequence.Create(10, SobolSequence.MaxDimensions + 1, 1, false));
    }
}
