using CorridorSim.Corridor;
using CorridorSim.Engine;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor.Flows;

/// <summary>Tests of <see cref="DiversionRule"/> and the vintage of delivered tons on saturated lines.</summary>
public sealed class DiversionTests(ITestOutputHelper output)
{
    private const double CapacityTons = 2 * 20 * 30 * 365; // 2 trains/day of 20 wagons of 30 t: 438,000 t/yr

    /// <summary>A saturated rail line o → d: 438,000 t/yr of capacity, 1.2 Mt/yr of demand in 2024, none in 2025 unless stated.</summary>
    private static CorridorModel SaturatedLine(DiversionRule diversion, double tons2025 = 1_200_000, string firstLeg = "rail:o-d") =>
        new CorridorBuilder("line")
            .AddUnit("wagon", unitsPerTrain: 20)
            .AddRail("rail:o-d", "o", "d", trainsPerDay: 2, Distribution.Constant(10))
            .AddFlow(new CargoFlowDefinition
            {
                Id = "f", Commodity = "grain", Unit = "wagon", TonsPerUnit = 30, AnnualTons = 1_200_000, BaseYear = 2024,
                AnnualTonsByYear = new Dictionary<int, double> { [2025] = tons2025 },
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = [firstLeg] }], Diversion = diversion,
            })
            .BuildModel();

    [Fact]
    public void Validate_DiversionAfterZeroDaysAndNoRule_ReportsBothWithTheirPaths()
    {
        CargoFlowDefinition flow = SaturatedLine(new DiversionRule()).Definition.Flows[0];
        CorridorDefinition zero = SaturatedLine(new DiversionRule()).Definition with { Flows = [flow with { Diversion = new DiversionRule { AfterDays = 0 } }] };
        CorridorDefinition none = zero with { Flows = [flow with { Diversion = null! }] };

        Assert.Contains(CorridorModel.Validate(zero), e => e.Path.EndsWith("flows[0].diversion.afterDays", StringComparison.Ordinal) && e.Message.Contains("(0, 3650]", StringComparison.Ordinal));
        Assert.Contains(CorridorModel.Validate(none), e => e.Path.EndsWith("flows[0].diversion", StringComparison.Ordinal));
    }

    [Fact]
    public void RunYear_SaturatedLineWithDiversionAfterTenDays_DivertsTheExcessAndStaysStable()
    {
        CorridorRun run = SaturatedLine(new DiversionRule { AfterDays = 10 }).CreateRun(3, 0, 2024, warmupDays: 30);
        YearResult y = run.RunYear();

        ComponentKpi rail = y.Components.Single();
        output.WriteLine($"generated {y.GeneratedTons:F0} t, delivered {y.DeliveredTons:F0} t, diverted {y.DivertedTons:F0} t, in system {y.TonsInSystemAtYearStart:F0} → {y.TonsInSystemAtYearEnd:F0} t, p95 wait {rail.P95WaitHours:F1} h");
        Assert.InRange(y.DeliveredTons, CapacityTons - 1200, CapacityTons + 1200);
        double excess = y.GeneratedTons - y.DeliveredTons - (y.TonsInSystemAtYearEnd - y.TonsInSystemAtYearStart);
        Assert.Equal(excess, y.DivertedTons, 3);
        Assert.InRange(y.DivertedTons, 0.9 * (y.GeneratedTons - CapacityTons), y.GeneratedTons - CapacityTons + y.TonsInSystemAtYearStart);
        Assert.Equal(y.DivertedTons, y.DivertedTonsByCommodity["grain"], 6);
        Assert.Equal(y.DivertedTons, y.Flows.Single().DivertedTons, 6);
        Assert.False(y.Unstable, "diversion keeps the backlog bounded");
        Assert.True(rail.P95WaitHours <= 11 * 24, "no unit waits more than afterDays + the one-day check interval");
    }

    [Fact]
    public void RunYear_SaturatedLineWithDiversionOff_DivertsNothingAndIsUnstable()
    {
        YearResult y = SaturatedLine(new DiversionRule { Mode = DiversionMode.Off }).CreateRun(3, 0, 2024, warmupDays: 30).RunYear();

        Assert.Equal(0, y.DivertedTons);
        Assert.Empty(y.DivertedTonsByCommodity);
        Assert.True(y.TonsInSystemAtYearEnd - y.TonsInSystemAtYearStart > 0.5 * (y.GeneratedTons - CapacityTons));
        Assert.True(y.Unstable, "the backlog grows by far more than 5 % of demand");
    }

    [Fact]
    public void RunYear_BacklogClearedInAYearWithoutDemand_CountsEveryDeliveredTonAsBacklog()
    {
        CorridorRun run = SaturatedLine(new DiversionRule { Mode = DiversionMode.Off }, tons2025: 0).CreateRun(3, 0, 2024, warmupDays: 30);
        YearResult first = run.RunYear();
        YearResult second = run.RunYear();

        output.WriteLine($"2024: delivered {first.DeliveredTons:F0} t of which backlog {first.DeliveredFromBacklogTons:F0} t; 2025: {second.DeliveredTons:F0} t of which backlog {second.DeliveredFromBacklogTons:F0} t");
        Assert.True(first.DeliveredFromBacklogTons > 0 && first.DeliveredFromBacklogTons < 0.2 * first.DeliveredTons, "2024 clears the warm-up's queue first");
        Assert.Equal(0, second.GeneratedTons);
        Assert.True(second.DeliveredTons > 0.9 * CapacityTons);
        Assert.Equal(second.DeliveredTons, second.DeliveredFromBacklogTons, 6);
    }

    [Fact]
    public void RunYear_SaturatedRoadGateWithDiversion_DivertsWaitingTrucksAndConservesTons()
    {
        // One gate lane processing 1 h per truck (8,760 trucks/yr) against 2 trucks an hour.
        CorridorRun run = new CorridorBuilder("road")
            .AddUnit("truck", unitsPerTrain: 1)
            .Add(new RoadLegDefinition
            {
                Id = "road:gate", From = "o", To = "d", Lanes = 1,
                ProcessingHours = Distribution.Constant(1), HaulHours = Distribution.Constant(5),
            })
            .AddFlow(new CargoFlowDefinition
            {
                Id = "trucks", Commodity = "other", Unit = "truck", TonsPerUnit = 20, AnnualTons = 2 * 8760 * 20, BaseYear = 2025,
                Origin = "o", Destination = "d", Routes = [new RouteDefinition { Legs = ["road:gate"] }],
                Diversion = new DiversionRule { AfterDays = 3, To = "trucks via Russia" },
            })
            .BuildModel().CreateRun(5, 0, 2025, warmupDays: 10);
        for (int month = 1; month <= 12; month++)
        {
            run.RunUntil(new DateTime(2025, month, 15, 0, 0, 0, DateTimeKind.Utc));
            double inSystem = run.TonsInSystemByCommodity().Values.Sum();
            Assert.Equal(run.TotalGeneratedTons, run.TotalDeliveredTons + run.TotalDivertedTons + inSystem, 6);
            Assert.False(run.AnyUnitHeldTwice());
            Assert.True(inSystem < 20 * 2 * 24 * 5, "no more than about four days of trucks wait");
        }

        Assert.InRange(run.TotalDivertedTons, 0.3 * run.TotalGeneratedTons, 0.6 * run.TotalGeneratedTons);
    }
}
