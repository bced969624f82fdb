using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class SweepAnalysisTests
{
    [Fact]
    public void Tabulate_Records_OnePointPerVariantEachTheSummaryOfItsRecords()
    {
        Scenario scenario = TestScenarios.Small(replications: 2);
        SweepParameter berths = SweepParameter.Parse("ports[port:kuryk].berths=1,2");
        Scenario[] variants = [berths.Apply(scenario, 1), berths.Apply(scenario, 2)];
        var design = new ScenarioDesign(variants, 2, 7);
        RowRecord[] records = Runner.Run(design, 2, null, default);

        SweepResult first = SweepAnalysis.Tabulate(scenario, [berths], [[1.0], [2.0]], design, records);
        SweepResult second = SweepAnalysis.Tabulate(scenario, [berths], [[1.0], [2.0]], design, records);

        Assert.Equal(SweepWriter.ToJson(first), SweepWriter.ToJson(second));
        Assert.Equal(2, first.Points.Count);
        for (int v = 0; v < 2; v++)
        {
            ProjectionResult alone = ProjectionAnalysis.Summarise(variants[v], 7, [.. records.Where(r => r.Row.Variant == v)]);
            Assert.Equal(SummaryWriter.ToJson(alone), SummaryWriter.ToJson(first.Points[v].Result));
        }

        Assert.Equal((7ul, 2, "small-test"), (first.Seed, first.Replications, first.ScenarioName));
    }

    [Fact]
    public void Tabulate_RecordsMissingAVariant_ArgumentException()
    {
        Scenario scenario = TestScenarios.Small(replications: 1);
        SweepParameter target = SweepParameter.Parse("simulation.targetTons=1,2");
        var design = new ScenarioDesign([target.Apply(scenario, 1), target.Apply(scenario, 2)], 1, 7);
        RowRecord[] records = Runner.Run(design, [design.Rows[0]], 1, null, default);

        Assert.Throws<ArgumentException>(() => SweepAnalysis.Tabulate(scenario, [target], [[1.0], [2.0]], design, records));
    }
}
