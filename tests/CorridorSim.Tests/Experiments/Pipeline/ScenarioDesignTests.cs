using CorridorSim.Corridor;
using CorridorSim.Experiments;

namespace CorridorSim.Tests.Experiments;

public sealed class ScenarioDesignTests
{
    [Fact]
    public void Start_Row_TheVariantsModelFromItsStartYearForItsYears()
    {
        Scenario a = TestScenarios.Small(years: 2);
        Scenario b = TestScenarios.Small(years: 2, vessels: 1);
        var design = new ScenarioDesign([a, b], replications: 2, seed: 7);

        (CorridorRun run, int years) = design.Start(design.Rows[3]);

        Assert.Equal(2, years);
        YearResult direct = new CorridorModel(b.Corridor).CreateRun(7, 1, 2024, 30).RunYear();
        YearResult started = run.RunYear();
        Assert.Equal(direct.Year, started.Year);
        Assert.Equal(direct.DeliveredTons, started.DeliveredTons);
        Assert.Equal(direct.Events, started.Events);
        Assert.Equal([a, b], design.Variants);
        Assert.Equal(4, design.Rows.Count);
    }

    [Fact]
    public void Constructor_InvalidCorridor_Throws()
    {
        Scenario s = TestScenarios.Small();
        PortDefinition first = s.Corridor.Ports[0];
        Scenario broken = s with { Corridor = s.Corridor with { Components = [.. s.Corridor.Components.Select(c => c == first ? first with { Berths = 0 } : c)] } };

        Assert.Throws<ScenarioException>(() => new ScenarioDesign([s, broken], 1, 7));
    }
}
