using System.Text.Json;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class SweepWriterTests
{
    private static readonly Lazy<SweepResult> Unreachable = new(() =>
        Sweep.Run(TestScenarios.Small(replications: 2, targetTons: 1e10), [SweepParameter.Parse("stages[rail:kz].trainsPerDay=2,3")]));

    [Fact]
    public void ToCsv_TargetNeverMet_FirstYearCellsEmptyAndOneRowPerPointAndYear()
    {
        string[] lines = SweepWriter.ToCsv(Unreachable.Value).Split('\n');

        Assert.Equal(4, lines.Length); // header, two points × one year, and the final newline
        Assert.Equal("", lines[^1]);
        Assert.StartsWith("stages[rail:kz].trainsPerDay,year,targetTons,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",firstYearTargetMet,firstYearProbability", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2,2024,10000000000,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,2024,", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Point_YearsCarryTheBottleneckShare()
    {
        using JsonDocument json = JsonDocument.Parse(SweepWriter.ToJson(Unreachable.Value));
        JsonElement point = json.RootElement.GetProperty("points")[0];

        Assert.Equal(["values", "targetTons", "firstYearTargetMet", "years"], point.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["year", "deliveredTons", "transitDays", "probabilityTargetMet", "bottleneck", "bottleneckShare"],
            point.GetProperty("years")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("stages[rail:kz].trainsPerDay", json.RootElement.GetProperty("parameters")[0].GetProperty("path").GetString());
    }
}
