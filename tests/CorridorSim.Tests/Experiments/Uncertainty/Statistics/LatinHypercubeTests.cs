using CorridorSim.Engine;
using CorridorSim.Experiments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class LatinHypercubeTests
{
    private static readonly Arbitrary<(int Samples, int Inputs, ulong Seed)> Designs =
        (from samples in Gen.Choose(1, 300)
         from inputs in Gen.Choose(1, 6)
         from seed in ArbMap.Default.GeneratorFor<ulong>()
         select (samples, inputs, seed)).ToArbitrary();

    private static string[] Names(int count) => [.. Enumerable.Range(0, count).Select(j => $"input-{j}")];

    [Property(MaxTest = 60)]
    public Property Create_AnyDesign_EveryColumnHasOnePointPerStratumInsideTheOpenUnitInterval() =>
        Prop.ForAll(Designs, d =>
        {
            double[][] points = LatinHypercube.Create(d.Samples, Names(d.Inputs), d.Seed);
            if (points.Length != d.Samples || points.Any(p => p.Length != d.Inputs))
            {
                return false;
            }

            for (int j = 0; j < d.Inputs; j++)
            {
                var hit = new bool[d.Samples];
                foreach (double[] p in points)
                {
                    double v = p[j];
                    if (!(v > 0 && v < 1))
                    {
                        return false;
                    }

                    int s = (int)(v * d.Samples);
                    if (s >= d.Samples || hit[s] || !(v >= (double)s / d.Samples && v < (s + 1.0) / d.Samples))
                    {
                        return false;
                    }

                    hit[s] = true;
                }
            }

            return true;
        });

    [Fact]
    public void Create_SameInputInAnotherScenario_GetsTheSameColumn()
    {
        double[][] first = LatinHypercube.Create(64, ["demand", "slippage", "storms"], seed: 7);
        double[][] second = LatinHypercube.Create(64, ["caspian-level", "storms", "demand"], seed: 7);

        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(first[i][0], second[i][2]);
            Assert.Equal(first[i][2], second[i][1]);
        }
    }

    [Fact]
    public void Create_AnyCallOrder_IsBitIdentical()
    {
        double[][] a1 = LatinHypercube.Create(50, ["a", "b"], seed: 11);
        double[][] b1 = LatinHypercube.Create(30, ["b", "c"], seed: 12);
        double[][] b2 = LatinHypercube.Create(30, ["b", "c"], seed: 12);
        double[][] a2 = LatinHypercube.Create(50, ["a", "b"], seed: 11);

        Assert.Equal(a1, a2);
        Assert.Equal(b1, b2);
        Assert.NotEqual(a1[0][0], LatinHypercube.Create(50, ["a", "b"], seed: 13)[0][0]);
    }

    // The documented contract: sample i's place inside its stratum s is the first word of stream (seed, "lhs/" + name, i).
    [Fact]
    public void Create_Jitter_ComesFromTheNamedStreamOfTheSample()
    {
        const int N = 20;
        double[][] points = LatinHypercube.Create(N, ["demand"], seed: 99);

        for (int i = 0; i < N; i++)
        {
            double v = points[i][0];
            int s = (int)(v * N);
            ulong word = RandomStream.Create(99, "lhs/demand", i).NextUInt64();
            double u = ((word >> 12) + 0.5) / (1UL << 52);
            Assert.Equal((s + u) / N, v);
        }
    }

    // The documented contract: the strata are a Fisher–Yates shuffle from stream (seed, "lhs-permutation/" + name, 0).
    [Fact]
    public void Create_Strata_ComeFromTheNamedPermutationStream()
    {
        const int N = 40;
        double[][] points = LatinHypercube.Create(N, ["storms"], seed: 5);
        RandomStream stream = RandomStream.Create(5, "lhs-permutation/storms", 0);
        int[] expected = [.. Enumerable.Range(0, N)];
        for (int i = N - 1; i > 0; i--)
        {
            int j = (int)stream.NextInt64(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        Assert.Equal(expected, points.Select(p => (int)(p[0] * N)).ToArray());
    }

    [Fact]
    public void Create_BadArguments_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => LatinHypercube.Create(0, ["a"], 1));
        Assert.Throws<ArgumentException>(() => LatinHypercube.Create(5, ["a", "a"], 1));
        Assert.Throws<ArgumentException>(() => LatinHypercube.Create(5, ["a", " "], 1));
    }

    [Fact]
    public void Create_NoInputs_GivesEmptyRows()
    {
        double[][] points = LatinHypercube.Create(3, [], 1);

        Assert.Equal(3, points.Length);
        Assert.All(points, p => Assert.Empty(p));
    }
}
