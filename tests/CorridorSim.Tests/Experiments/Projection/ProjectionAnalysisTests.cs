using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class ProjectionAnalysisTests
{
    [Fact]
    public void Summarise_SameRecordsTwice_SameResultAndRecordsUnchanged()
    {
        Scenario scenario = TestScenarios.Small(years: 2, replications: 3);
        RowRecord[] records = Runner.Run(new ScenarioDesign([scenario], 3, 7), 2, null, default);
        string before = RunnerTests.Text(records);

        ProjectionResult first = ProjectionAnalysis.Summarise(scenario, 7, records);
        ProjectionResult second = ProjectionAnalysis.Summarise(scenario, 7, records);

        Assert.Equal(SummaryWriter.ToJson(first), SummaryWriter.ToJson(second));
        Assert.Equal(SummaryWriter.YearsCsv(first), SummaryWriter.YearsCsv(second));
        Assert.Equal(first.Years[1].DeliveredTons, second.Years[1].DeliveredTons);
        Assert.Equal(before, RunnerTests.Text(records));
    }

    [Fact]
    public void Summarise_RecordsOfAProjection_IsThatProjection()
    {
        Scenario scenario = TestScenarios.Small(years: 2, replications: 3);
        RowRecord[] records = Runner.Run(new ScenarioDesign([scenario], 3, 7), 1, null, default);

        Assert.Equal(SummaryWriter.ToJson(Projection.Run(scenario)), SummaryWriter.ToJson(ProjectionAnalysis.Summarise(scenario, 7, records)));
    }

    [Fact]
    public void Summarise_HandMadeRecords_MeansShareOfTargetMetAndBottleneckMode()
    {
        Scenario scenario = TestScenarios.Small(targetTons: 150);
        RowRecord[] records = [Record(0, 100, "b"), Record(1, 200, "a"), Record(2, 300, "b"), Record(3, 150, "a")];

        YearSummary y = Assert.Single(ProjectionAnalysis.Summarise(scenario, 7, records).Years);

        Assert.Equal(187.5, y.DeliveredTons.Mean);
        Assert.Equal(0.75, y.ProbabilityTargetMet);
        Assert.Equal("a", y.Bottleneck); // two each: the ordinal-first id
        Assert.Equal(0.5, y.BottleneckShare);
    }

    [Theory]
    [InlineData(new[] { "x", "y", "y" }, "y", 2)]
    [InlineData(new[] { "y", "x" }, "x", 1)]
    [InlineData(new string[0], "", 0)]
    public void Mode_Values_MostFrequentTiesToOrdinalFirst(string[] values, string mode, int count)
    {
        Assert.Equal((mode, count), ProjectionAnalysis.Mode(values));
    }

    [Fact]
    public void Summarise_RecordsOfTwoVariantsOrNone_ArgumentException()
    {
        Scenario scenario = TestScenarios.Small();
        RowRecord a = Record(0, 1, "a");

        Assert.Throws<ArgumentException>(() => ProjectionAnalysis.Summarise(scenario, 7, [a, a with { Row = a.Row with { Variant = 1 } }]));
        Assert.Throws<ArgumentException>(() => ProjectionAnalysis.Summarise(scenario, 7, []));
    }

    private static RowRecord Record(int replication, double deliveredTons, string bottleneck) => new(
        new Row(replication, 0, 0, replication, 7),
        [new YearRecord(2024, 400, deliveredTons, 0, 10, 9, 20, bottleneck, new Dictionary<string, double> { ["other"] = deliveredTons },
            [new ComponentRecord("a", "rail", 0.5, 1, 2, deliveredTons, 0.1), new ComponentRecord("b", "port", 0.6, 1, 2, deliveredTons, 0.1)],
            [new FlowRecord("westbound", "other", 400, deliveredTons, 10, 9, 20)])]);
}
