using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Tests.Corridor.Transshipments;

/// <summary>A transshipment's handling modes: each train gets the common dwell plus its mode's hours, by share.</summary>
public sealed class TransshipmentDefinitionTests
{
    private static TransshipmentDefinition Gauge(params HandlingMode[] modes) => new()
    {
        Id = "gauge:dostyk", From = "cn", To = "kz", TrainsPerDay = 20, TransitHours = Distribution.Constant(2), Modes = modes,
    };

    [Fact]
    public void TrainHours_TwoModesOneToThree_AddsEachModesHoursToTheDwellInProportion()
    {
        TransshipmentDefinition t = Gauge(
            new HandlingMode { Name = "bogie exchange", Share = 1, Hours = Distribution.Constant(3) },
            new HandlingMode { Name = "crane transfer", Share = 3, Hours = Distribution.Constant(7) });
        var sim = new Simulation(seed: 1);
        RandomStream stream = sim.Stream("t");

        double[] hours = [.. Enumerable.Range(0, 40_000).Select(_ => t.TrainHours(stream))];

        Assert.All(hours, h => Assert.True(h is 5 or 9, $"a train took {h} h; expected 2 + 3 or 2 + 7"));
        double shareBogie = hours.Count(h => h == 5) / (double)hours.Length;
        Assert.InRange(shareBogie, 0.25 - 0.01, 0.25 + 0.01); // 0.01 is 4.6 binomial standard deviations at n = 40,000
        Assert.Equal(2 + (0.25 * 3) + (0.75 * 7), t.MeanTrainHours, 12);
    }

    [Fact]
    public void TrainHours_NoModes_IsTheDwellAndDrawsNothingElse()
    {
        TransshipmentDefinition t = Gauge() with { TransitHours = Distribution.Uniform(1, 3) };
        var a = new Simulation(seed: 3);
        var b = new Simulation(seed: 3);
        RandomStream sa = a.Stream("t");
        RandomStream sb = b.Stream("t");

        // Same draws as the plain dwell: a scenario without modes gives the results it gave before modes existed.
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(Distribution.Uniform(1, 3).Sample(sb), t.TrainHours(sa));
        }
    }

    [Fact]
    public void Validate_ModeWithZeroShare_ReportsItsPath()
    {
        var d = new CorridorDefinition
        {
            Units = [new UnitType { Id = "feu" }],
            Components = [Gauge(new HandlingMode { Name = "crane", Share = 0, Hours = Distribution.Constant(1) })],
            Flows =
            [
                new CargoFlowDefinition
                {
                    Id = "f", Unit = "feu", TonsPerUnit = 28, AnnualTons = 1000, Origin = "cn", Destination = "kz",
                    Routes = [new RouteDefinition { Legs = ["gauge:dostyk"] }],
                },
            ],
        };

        ScenarioError error = Assert.Single(CorridorModel.Validate(d));

        Assert.Equal("$.stages[0].modes[0].share", error.Path);
    }
}
