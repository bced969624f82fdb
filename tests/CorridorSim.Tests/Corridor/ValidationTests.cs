using CorridorSim.Corridor;
using CorridorSim.Engine;

namespace CorridorSim.Tests.Corridor;

/// <summary>Tests of the corridor validator (<c>Validation.cs</c>) through <see cref="CorridorBuilder.Build"/>.</summary>
public sealed class ValidationTests
{
    private static ScenarioException BuildFails(CorridorBuilder builder) =>
        Assert.Throws<ScenarioException>(() => builder.Build());

    private static ScenarioError Single(ScenarioException ex, string path)
    {
        ScenarioError error = Assert.Single(ex.Errors, e => e.Path == path);
        Assert.Contains(error.ToString(), ex.Message, StringComparison.Ordinal);
        return error;
    }

    private static CargoFlowDefinition Flow(string origin, string destination, params string[] legs) => new()
    {
        Id = "westbound", Unit = "wagon", TonsPerUnit = 60, AnnualTons = 1_000_000,
        Origin = origin, Destination = destination, Routes = [new RouteDefinition { Legs = legs }],
    };

    [Fact]
    public void Build_SmallCorridor_IsValid()
    {
        CorridorDefinition d = TestCorridors.Small().Build();
        Assert.Empty(CorridorModel.Validate(d));
    }

    [Fact]
    public void Build_RouteThroughUndefinedLeg_ReportsTheLegAndItsPath()
    {
        CorridorBuilder b = TestCorridors.Small();
        b.AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:aktau-alat", "rail:az-ge") with { Id = "via-aktau" });

        ScenarioException ex = BuildFails(b);
        ScenarioError e = Single(ex, "$.flows[1].routes[0].legs[1]");
        Assert.Contains("'ferry:aktau-alat'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'via-aktau'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NegativeCapacities_ReportEachComponent()
    {
        CorridorBuilder b = new CorridorBuilder()
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddRail("rail:kz", "dostyk", "port:kuryk", trainsPerDay: -4, Distribution.Constant(100))
            .AddPort("port:kuryk", berths: -1, Distribution.Constant(8))
            .AddPort("port:alat", berths: 2, Distribution.Constant(8))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = [new VesselDefinition { Name = "Professor Gul", CapacityUnits = -50 }],
                SailingHours = Distribution.Constant(20),
            })
            .AddFlow(Flow("dostyk", "port:alat", "rail:kz", "ferry:kuryk-alat"));

        ScenarioException ex = BuildFails(b);
        Assert.Contains("'rail:kz'", Single(ex, "$.stages[0].trainsPerDay").Message, StringComparison.Ordinal);
        Assert.Contains("'port:kuryk'", Single(ex, "$.ports[0].berths").Message, StringComparison.Ordinal);
        ScenarioError vessel = Single(ex, "$.vesselLegs[0].vessels[0].capacityUnits");
        Assert.Contains("'Professor Gul'", vessel.Message, StringComparison.Ordinal);
        Assert.Contains("'ferry:kuryk-alat'", vessel.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Errors.Count);
    }

    [Fact]
    public void Build_FerryWithNoVessels_IsRejected()
    {
        CorridorBuilder b = new CorridorBuilder()
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddPort("port:kuryk", berths: 1, Distribution.Constant(8))
            .AddPort("port:alat", berths: 1, Distribution.Constant(8))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = [], SailingHours = Distribution.Constant(20),
            })
            .AddFlow(Flow("port:kuryk", "port:alat", "ferry:kuryk-alat"));

        ScenarioError e = Single(BuildFails(b), "$.vesselLegs[0].vessels");
        Assert.Contains("'ferry:kuryk-alat'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FerryWithNoVesselsButAnInvestmentAddingThem_IsValid()
    {
        CorridorBuilder b = new CorridorBuilder()
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddPort("port:kuryk", berths: 1, Distribution.Constant(8))
            .AddPort("port:alat", berths: 1, Distribution.Constant(8))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = [], SailingHours = Distribution.Constant(20),
            })
            .AddFlow(Flow("port:kuryk", "port:alat", "ferry:kuryk-alat"))
            .AddInvestment(new InvestmentDefinition
            {
                Name = "first ferry", Date = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), Component = "ferry:kuryk-alat",
                Kind = InvestmentKind.AddVessels, Vessels = [new VesselDefinition { Name = "Azerbaijan", CapacityUnits = 56 }],
            });

        Assert.NotNull(b.Build());
    }

    [Fact]
    public void Build_VesselLegToUndefinedPort_NamesTheLegAndThePort()
    {
        CorridorBuilder b = new CorridorBuilder()
            .AddUnit("teu", unitsPerTrain: 100)
            .AddPort("port:aktau", berths: 2, Distribution.Constant(20))
            .Add(new VesselLegDefinition
            {
                Id = "sea:aktau-baku", Kind = "sea", PortA = "port:aktau", PortB = "port:baku", Unit = "teu",
                Vessels = [new VesselDefinition { Name = "feeder", CapacityUnits = 225 }], SailingHours = Distribution.Constant(22),
            });

        ScenarioError e = Single(BuildFails(b), "$.vesselLegs[0].portB");
        Assert.Contains("'sea:aktau-baku'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'port:baku'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FlowUnitDiffersFromTheFerrysUnit_ReportsTheMismatch()
    {
        CorridorBuilder b = TestCorridors.Small()
            .AddUnit("teu", unitsPerTrain: 100)
            .AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:kuryk-alat", "rail:az-ge") with { Id = "boxes", Unit = "teu", TonsPerUnit = 14 });

        ScenarioError e = Single(BuildFails(b), "$.flows[1].routes[0].legs[1]");
        Assert.Contains("'ferry:kuryk-alat'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'wagon'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'teu'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FlowUnitNotDefined_IsRejected()
    {
        CorridorBuilder b = TestCorridors.Small()
            .AddFlow(Flow("dostyk", "port:kuryk", "rail:kz") with { Id = "trucks", Unit = "truck" });

        ScenarioException ex = BuildFails(b);
        Assert.Contains("'truck'", Single(ex, "$.flows[1].unit").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnconnectedRoute_ReportsWhereTheRouteBreaks()
    {
        // rail:az-ge starts at Alat, but after rail:kz the route is at Kuryk (the ferry is missing).
        CorridorBuilder b = TestCorridors.Small()
            .AddFlow(Flow("dostyk", "poti", "rail:kz", "rail:az-ge") with { Id = "no-ferry" });

        ScenarioError e = Single(BuildFails(b), "$.flows[1].routes[0].legs[1]");
        Assert.Contains("'rail:az-ge'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'port:alat'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'port:kuryk'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RouteEndingShortOfTheDestination_IsRejected()
    {
        CorridorBuilder b = TestCorridors.Small()
            .AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:kuryk-alat") with { Id = "short" });

        ScenarioError e = Single(BuildFails(b), "$.flows[1].routes[0].legs");
        Assert.Contains("'short'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'poti'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_VesselLegEnteredFromAPortItDoesNotServe_IsRejected()
    {
        CorridorBuilder b = TestCorridors.Small()
            .AddFlow(Flow("dostyk", "poti", "ferry:kuryk-alat", "rail:az-ge") with { Id = "from-dostyk" });

        ScenarioError e = Single(BuildFails(b), "$.flows[1].routes[0].legs[0]");
        Assert.Contains("'ferry:kuryk-alat'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'dostyk'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeveralErrors_ReportsThemAllAtOnce()
    {
        CorridorBuilder b = new CorridorBuilder("broken")
            .AddUnit("wagon", unitsPerTrain: 50)
            .AddRail("rail:kz", "dostyk", "port:kuryk", trainsPerDay: 0, Distribution.Constant(100))
            .AddPort("port:kuryk", berths: 2, Distribution.Constant(8))
            .Add(new VesselLegDefinition
            {
                Id = "ferry:kuryk-alat", PortA = "port:kuryk", PortB = "port:alat", Unit = "wagon",
                Vessels = [], SailingHours = Distribution.Constant(20),
            })
            .AddRail("rail:kz", "port:alat", "poti", trainsPerDay: 10, Distribution.Constant(34))
            .AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:kuryk-alat", "rail:missing") with { TonsPerUnit = 0 })
            .AddInvestment(new InvestmentDefinition
            {
                Name = "new berth", Date = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Component = "port:aktau",
                Kind = InvestmentKind.Berths, Value = 2.5,
            });

        ScenarioException ex = BuildFails(b);
        string[] paths = [.. ex.Errors.Select(e => e.Path)];
        Assert.Contains("$.stages[0].trainsPerDay", paths);
        Assert.Contains("$.stages[1].id", paths);                  // duplicate id
        Assert.Contains("$.vesselLegs[0].portB", paths);           // port:alat not defined
        Assert.Contains("$.vesselLegs[0].vessels", paths);         // empty fleet
        Assert.Contains("$.flows[0].tonsPerUnit", paths);
        Assert.Contains("$.flows[0].routes[0].legs[2]", paths);    // rail:missing
        Assert.Contains("$.investments[0].component", paths);      // port:aktau not defined
        Assert.Contains("$.investments[0].value", paths);          // 2.5 berths
        Assert.All(ex.Errors, e => Assert.Contains(e.ToString(), ex.Message, StringComparison.Ordinal));
        Assert.Contains($"{ex.Errors.Count} error(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorridorModel_InvalidDefinition_ThrowsWithTheSameErrorsAsValidate()
    {
        CorridorDefinition d = TestCorridors.Small().Build() with { Flows = [Flow("dostyk", "poti", "rail:nowhere")] };
        IReadOnlyList<ScenarioError> errors = CorridorModel.Validate(d);
        ScenarioException ex = Assert.Throws<ScenarioException>(() => new CorridorModel(d));
        Assert.Equal(errors, ex.Errors);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Build_IdLongerThanTheLimit_IsRejected()
    {
        CorridorBuilder b = TestCorridors.Small();
        b.AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:kuryk-alat", "rail:az-ge") with { Id = new string('f', CorridorDefinition.MaxIdLength + 1) });

        ScenarioException ex = BuildFails(b);

        Assert.Contains("too long; expected at most 128", Single(ex, "$.flows[1].id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeasonalityOfThirteenMonths_MessageStatesTheRealLimit()
    {
        CorridorBuilder b = TestCorridors.Small();
        b.AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:kuryk-alat", "rail:az-ge") with { Id = "seasonal", Seasonality = [.. Enumerable.Repeat(1.0, 13)] });

        ScenarioException ex = BuildFails(b);

        string message = Single(ex, "$.flows[1].seasonality").Message;
        Assert.Contains("12 values (January first), each within [0, 1000000)", message, StringComparison.Ordinal);
        Assert.Contains("found 13 value(s)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MoreUnitsAYearThanTheLimit_IsRejectedAtTonsPerUnit()
    {
        CorridorBuilder b = TestCorridors.Small();
        b.AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:kuryk-alat", "rail:az-ge") with { Id = "dust", AnnualTons = 1e9, TonsPerUnit = 0.01 });

        ScenarioException ex = BuildFails(b);

        Assert.Contains("is 100000000000 units; expected at most 10000000 units a year", Single(ex, "$.flows[1].tonsPerUnit").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRun_DemandGrowingPastTheLimitInACodeBuiltRun_FailsNamingTheFlow()
    {
        // Without the simulated years validation cannot see growth; the run stops with a message, not with memory.
        CorridorBuilder b = TestCorridors.Small();
        b.AddFlow(Flow("dostyk", "poti", "rail:kz", "ferry:kuryk-alat", "rail:az-ge") with { Id = "boom", BaseYear = 1900, GrowthPerYear = 10 });
        var model = new CorridorModel(b.Build());

        var ex = Assert.Throws<ProcessFaultedException>(() => model.CreateRun(seed: 1, replication: 0, firstYear: 2024));

        Assert.Contains("Flow 'boom' demands", ex.Message, StringComparison.Ordinal);
        Assert.Contains("growthPerYear", ex.Message, StringComparison.Ordinal);
    }
}
