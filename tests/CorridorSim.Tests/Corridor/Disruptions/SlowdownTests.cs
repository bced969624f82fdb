using CorridorSim.Corridor;

namespace CorridorSim.Tests.Corridor.Disruptions;

public sealed class SlowdownTests
{
    [Fact]
    public void Slowdowns_Overlapping_SmallestFactorHoldsUntilTheLastEnds()
    {
        CorridorModel model = TestCorridors.Small(annualTons: 100_000)
            .AddSlowdown(new SlowdownDefinition { Component = "rail:kz", Start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), DurationDays = 10, CapacityFactor = 0.5 })
            .AddSlowdown(new SlowdownDefinition { Component = "rail:kz", Start = new DateTime(2024, 3, 6, 0, 0, 0, DateTimeKind.Utc), DurationDays = 15, CapacityFactor = 0.25 })
            .BuildModel();
        CorridorRun run = model.CreateRun(seed: 1, replication: 0, firstYear: 2024, warmupDays: 0);
        var stage = (StageRuntime)run.Component("rail:kz");

        double At(int month, int day)
        {
            run.RunUntil(new DateTime(2024, month, day, 0, 0, 0, DateTimeKind.Utc));
            return stage.SlowdownFactor;
        }

        Assert.Equal(1, At(2, 20));
        Assert.Equal(0.5, At(3, 3));
        Assert.Equal(0.25, At(3, 8));
        Assert.Equal(0.25, At(3, 15)); // the first slowdown ended on 11 March; the second still holds
        Assert.Equal(1, At(3, 25));
    }
}
