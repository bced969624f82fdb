using CorridorSim.Corridor;
using CorridorSim.Engine;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.Stages;

/// <summary>Tests of the train-stage runtime against known answers: saturation at trains per day, the route-choice estimate.</summary>
public sealed class StageRuntimeTests(ITestOutputHelper output)
{
    private static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    private static ComponentKpi Kpi(YearResult y, string id) => y.Components.Single(c => c.Id == id);

    // ---- 2b. rail capacity -------------------------------------------------------------------------------

    [Theory]
    [InlineData(3.0, 20, 50.0)]
    [InlineData(7.5, 55, 14.0)]
    public void Stage_FedFarAboveCapacity_SaturatesAtTrainsPerDayTimesTrainTons(double trainsPerDay, int unitsPerTrain, double tonsPerUnit)
    {
        double capacity = trainsPerDay * unitsPerTrain * tonsPerUnit * 365;
        CorridorModel model = new CorridorBuilder("line")
            .AddUnit("u", unitsPerTrain)
            .AddRail("rail:o-d", "o", "d", trainsPerDay, Distribution.Triangular(20, 30, 50))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "u", TonsPerUnit = tonsPerUnit, AnnualTons = 2.5 * capacity, BaseYear = 2025,
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = ["rail:o-d"] }],
            })
            .BuildModel();

        YearResult y = model.CreateRun(2, 0, 2025, warmupDays: 10).RunYear();

        double train = unitsPerTrain * tonsPerUnit;
        output.WriteLine($"through {Kpi(y, "rail:o-d").TonsThrough:F0} t, delivered {y.DeliveredTons:F0} t, capacity {capacity:F0} t");
        Assert.InRange(Kpi(y, "rail:o-d").TonsThrough, capacity - train, capacity + train);
        Assert.InRange(y.DeliveredTons, capacity - (2 * train), capacity + (2 * train));
        Assert.True(Kpi(y, "rail:o-d").Utilization > 0.999);
        Assert.Equal("rail:o-d", y.Bottleneck);
    }

    // ---- route-choice estimates --------------------------------------------------------------------------

    [Fact]
    public void StageExpectedHours_QueueOfHundredUnitTrains_IsTransitPlusTrainsQueuedTimesHeadway()
    {
        CorridorModel model = new CorridorBuilder("line")
            .AddUnit("teu", unitsPerTrain: 100)
            .AddRail("rail:o-d", "o", "d", trainsPerDay: 24, Distribution.Constant(0))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Unit = "teu", TonsPerUnit = 14, AnnualTons = 2 * 24 * 100 * 365 * 14, BaseYear = 2024,
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = ["rail:o-d"] }],
            })
            .BuildModel();
        CorridorRun run = model.CreateRun(4, 0, 2024, warmupDays: 0);
        run.RunUntil(Utc(2024, 1, 2, 7));

        ComponentRuntime stage = run.Component("rail:o-d");
        int queued = stage.UnitsHeld().Count(); // running time 0: every unit held is queued
        double trainsQueued = queued / 100.0;
        double hours = stage.ExpectedHours(forward: true);
        output.WriteLine($"queued {queued} TEU, expected {hours:F2} h");
        Assert.True(queued > 1000);
        Assert.InRange(hours, trainsQueued - 1, trainsQueued + 1); // one train an hour
    }
}
