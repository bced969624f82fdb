using System.Text.Json;
using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class SweepTests
{
    [Fact]
    public void Run_MoreVesselsOnCapacityBoundFerry_NeverFewerTonsAndPointsShareSeeds()
    {
        // 1.2 Mt of demand; one 50-wagon ferry carries roughly 0.35 Mt a year, so the fleet is the bottleneck.
        Scenario scenario = TestScenarios.Small(annualTons: 1_200_000, replications: 3);
        var vessels = SweepParameter.Parse("vesselLegs[ferry:kuryk-alat].vessels=1..4");

        SweepResult sweep = Sweep.Run(scenario, [vessels]);

        double[] tons = sweep.Points.Select(p => p.Result.Years[0].DeliveredTons.Mean).ToArray();
        for (int i = 1; i < tons.Length; i++)
        {
            Assert.True(tons[i] >= tons[i - 1], $"{i + 1} vessels delivered {tons[i]:F0} t, {i} vessels {tons[i - 1]:F0} t");
        }

        Assert.True(tons[1] > 1.5 * tons[0], $"a second ferry should add capacity: {tons[0]:F0} → {tons[1]:F0}");
        Assert.Equal("ferry:kuryk-alat", sweep.Points[0].Result.Years[0].Bottleneck);
        Assert.All(sweep.Points, p => Assert.Equal(7ul, p.Result.Seed));
        Assert.All(sweep.Points, p => Assert.Equal(3, p.Result.Replications));

        // Common random numbers: a point is exactly the projection of its scenario with the same seed and indices.
        ProjectionResult alone = Projection.Run(vessels.Apply(scenario, 2), new ProjectionOptions { MaxThreads = 1 });
        Assert.Equal(SummaryWriter.ToJson(alone), SummaryWriter.ToJson(sweep.Points[1].Result));
    }

    [Fact]
    public void Run_TwoParameters_GridFirstSlowestAndWriters()
    {
        Scenario scenario = TestScenarios.Small(replications: 2);
        SweepParameter[] parameters =
        [
            SweepParameter.Parse("ports[port:kuryk].berths=1,2"),
            SweepParameter.Parse("simulation.targetTons=1,1e9"),
        ];
        var reported = new List<int>();

        SweepResult sweep = Sweep.Run(scenario, parameters, new ProjectionOptions { MaxThreads = 2 }, new SyncProgress(reported.Add));

        Assert.Equal([[1.0, 1], [1, 1e9], [2, 1], [2, 1e9]], sweep.Points.Select(p => p.Values.ToArray()));
        Assert.Equal([1.0, 0, 1, 0], sweep.Points.Select(p => p.Result.Years[0].ProbabilityTargetMet));
        Assert.Equal(8, reported.Max());
        Assert.Equal(reported.Order(), reported);

        string[] csv = SweepWriter.ToCsv(sweep).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("ports[port:kuryk].berths,simulation.targetTons,year,targetTons,deliveredTonsMean,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("1,1000000000,2024,1000000000,", csv[2], StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse(SweepWriter.ToJson(sweep));
        JsonElement root = json.RootElement;
        Assert.Equal(["schemaVersion", "scenario", "seed", "replications", "parameters", "points"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, root.GetProperty("points").GetArrayLength());
        Assert.Equal(1e9, root.GetProperty("points")[1].GetProperty("targetTons").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("points")[1].GetProperty("firstYearTargetMet").ValueKind);
    }

    [Fact]
    public void Run_InvalidGridPoint_FailsBeforeRunningAndNamesThePoint()
    {
        var reported = new List<int>();

        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            Sweep.Run(TestScenarios.Small(), [SweepParameter.Parse("ports[port:kuryk].berths=2,0")], null, new SyncProgress(reported.Add)));

        Assert.Contains("ports[port:kuryk].berths=0", e.Message, StringComparison.Ordinal);
        Assert.Empty(reported);
    }

    [Fact]
    public void Run_ThreeParameters_ArgumentException()
    {
        var p = SweepParameter.Parse("simulation.targetTons=1");

        Assert.Throws<ArgumentException>(() => Sweep.Run(TestScenarios.Small(), [p, SweepParameter.Parse("ports[port:kuryk].berths=1"), SweepParameter.Parse("stages[rail:kz].trainsPerDay=1")]));
        Assert.Throws<ArgumentException>(() => Sweep.Run(TestScenarios.Small(), [p, p]));
        Assert.Throws<ArgumentException>(() => Sweep.Run(TestScenarios.Small(), []));
    }
}
