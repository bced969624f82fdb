using CorridorSim.Engine;
using CorridorSim.Experiments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CorridorSim.Tests.Experiments.Uncertainty.Statistics;

public sealed class PrimTests
{
    private static double[][] Uniform(int n, int k, ulong seed)
    {
        RandomStream stream = RandomStream.Create(seed, "prim-test", 0);
        return [.. Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, k).Select(_ => stream.NextDouble()).ToArray())];
    }

    [Fact]
    public void Find_CornerRegion_RecoversItsBox()
    {
        double[][] x = Uniform(2000, 2, seed: 1);
        bool[] interest = [.. x.Select(p => p[0] > 0.7 && p[1] < 0.4)];

        PrimBox? box = Prim.Find(x, interest, ["x0", "x1"]);

        Assert.NotNull(box);
        Assert.Equal(2, box.Limits.Count);
        PrimLimit x0 = box.Limits[0];
        PrimLimit x1 = box.Limits[1];
        Assert.Equal((0, "x0"), (x0.Input, x0.Name));
        Assert.InRange(x0.Low, 0.65, 0.75);
        Assert.Equal(double.PositiveInfinity, x0.High);
        Assert.Equal(double.NegativeInfinity, x1.Low);
        Assert.InRange(x1.High, 0.35, 0.45);
        Assert.InRange(box.Density, 0.95, 1.0);
        Assert.InRange(box.Coverage, 0.8, 1.0);
    }

    [Fact]
    public void Find_IrrelevantThirdInput_IsNotRestricted()
    {
        double[][] x = Uniform(2000, 3, seed: 2);
        bool[] interest = [.. x.Select(p => p[1] > 0.5)];

        PrimBox? box = Prim.Find(x, interest, ["a", "b", "c"]);

        Assert.NotNull(box);
        PrimLimit only = Assert.Single(box.Limits);
        Assert.Equal("b", only.Name);
        Assert.InRange(only.Low, 0.45, 0.55);
    }

    // Twenty points, d = 1 … 20, of interest when d ≥ 11. The noise input z is lowest on d = 1 … 6, so its peels tie
    // with d's and win (input 0 first) for three steps; d's then peel d = 7 … 10, which z cannot reach. The last box
    // restricts both, but z's bound no longer excludes anything d's does not, so it is opened.
    [Fact]
    public void Find_RestrictionMadeRedundantByLaterPeels_IsDropped()
    {
        double[][] x = [.. Enumerable.Range(1, 20).Select(d => new[] { d <= 6 ? d : d <= 10 ? 115 + ((d - 6) / 10.0) : 100.0 + d, d })];
        bool[] interest = [.. x.Select(p => p[1] >= 11)];

        PrimBox? box = Prim.Find(x, interest, ["z", "d"], peelAlpha: 0.1);

        Assert.NotNull(box);
        Assert.Equal(6, box.Trajectory.Count);
        Assert.Equal(5, box.Step);
        Assert.Equal([0, 1], box.Trajectory[5].Limits.Select(l => l.Input));
        PrimLimit d = Assert.Single(box.Limits);
        Assert.Equal(("d", 10.1, double.PositiveInfinity), (d.Name, d.Low, d.High));
        Assert.Equal((1.0, 1.0, 10), (box.Coverage, box.Density, box.Support));
    }

    [Fact]
    public void Find_NoPointOfInterest_ReturnsNull()
    {
        double[][] x = Uniform(100, 2, seed: 3);

        Assert.Null(Prim.Find(x, new bool[100], ["a", "b"]));
    }

    [Fact]
    public void Find_EveryPointOfInterest_ReturnsTheBoxOfEverything()
    {
        double[][] x = Uniform(100, 2, seed: 4);
        bool[] all = [.. Enumerable.Repeat(true, 100)];

        PrimBox? box = Prim.Find(x, all, ["a", "b"]);

        Assert.NotNull(box);
        Assert.Empty(box.Limits);
        Assert.Equal((1.0, 1.0, 100), (box.Coverage, box.Density, box.Support));
        Assert.Single(box.Trajectory);
    }

    [Fact]
    public void Find_Trajectory_ShrinksFromAllPointsToTheMinimumSupport()
    {
        double[][] x = Uniform(1000, 2, seed: 5);
        bool[] interest = [.. x.Select(p => p[0] + p[1] > 1.3)];

        PrimBox? box = Prim.Find(x, interest, ["a", "b"], minSupport: 0.1);

        Assert.NotNull(box);
        IReadOnlyList<PrimStep> t = box.Trajectory;
        Assert.Equal((0, 1.0, 1000), (t[0].Step, t[0].Coverage, t[0].Support));
        Assert.Empty(t[0].Limits);
        for (int s = 1; s < t.Count; s++)
        {
            Assert.Equal(s, t[s].Step);
            Assert.True(t[s].Support < t[s - 1].Support);
            Assert.True(t[s].Coverage <= t[s - 1].Coverage);
            Assert.True(t[s].Support >= 100);
        }
    }

    [Fact]
    public void Find_BadArguments_Throw()
    {
        double[][] x = [[0.1], [0.2]];
        Assert.Throws<ArgumentException>(() => Prim.Find([], [], ["a"]));
        Assert.Throws<ArgumentException>(() => Prim.Find(x, [true], ["a"]));
        Assert.Throws<ArgumentException>(() => Prim.Find(x, [true, false], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => Prim.Find([[0.1], [double.NaN]], [true, false], ["a"]));
        Assert.ThrowsAny<ArgumentException>(() => Prim.Find(x, [true, false], ["a"], peelAlpha: 0.5));
        Assert.ThrowsAny<ArgumentException>(() => Prim.Find(x, [true, false], ["a"], minSupport: 0));
        Assert.ThrowsAny<ArgumentException>(() => Prim.Find(x, [true, false], ["a"], minCoverage: 1.5));
    }

    private static readonly Arbitrary<(int N, ulong Seed, double Threshold, double Coverage)> Cases =
        (from n in Gen.Choose(20, 400)
         from seed in ArbMap.Default.GeneratorFor<ulong>()
         from threshold in Gen.Choose(1, 19).Select(i => i / 20.0)
         from coverage in Gen.Choose(0, 10).Select(i => i / 10.0)
         select (n, seed, threshold, coverage)).ToArbitrary();

    // The chosen box always meets the coverage floor, is at least as dense as the whole set, and its support and
    // density are those of the points inside its stated limits.
    [Property(MaxTest = 60)]
    public Property Find_AnyData_BoxMeetsItsSpecification() =>
        Prop.ForAll(Cases, c =>
        {
            double[][] x = Uniform(c.N, 2, c.Seed);
            bool[] interest = [.. x.Select(p => p[0] * p[1] > c.Threshold * c.Threshold)];
            PrimBox? box = Prim.Find(x, interest, ["a", "b"], minCoverage: c.Coverage);
            if (box is null)
            {
                return !interest.Any(b => b);
            }

            int support = x.Count(p => Inside(p, box));
            int inside = x.Where((p, i) => interest[i] && Inside(p, box)).Count();
            return box.Coverage >= c.Coverage
                && box.Density >= box.Trajectory[0].Density
                && support == box.Support
                && (double)inside / support == box.Density
                && (double)inside / interest.Count(b => b) == box.Coverage;
        });

    private static bool Inside(double[] p, PrimBox box) => box.Limits.All(l => p[l.Input] >= l.Low && p[l.Input] <= l.High);
}
