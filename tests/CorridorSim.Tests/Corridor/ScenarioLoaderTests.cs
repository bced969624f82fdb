using System.Text.Json;
using System.Text.Json.Nodes;
using CorridorSim.Corridor;
using CorridorSim.Engine;
using CorridorSim.Tests.Corridor.Loading;
using Xunit.Abstractions;

namespace CorridorSim.Tests.Corridor;

public sealed class ScenarioLoaderTests(ITestOutputHelper output)
{
    private static readonly DateTime Utc20250101 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string ScenarioFile(string name) => Path.Combine(AppContext.BaseDirectory, "Corridor", "Scenarios", name);

    private static string FullText => File.ReadAllText(ScenarioFile("full.json"));

    private static JsonNode FullDocument => ScenarioLoader.ParseDocument(FullText, "full.json")!;

    // ---------------------------------------------------------------- valid files

    [Fact]
    public void Load_FullScenario_MapsEveryField()
    {
        Scenario s = ScenarioLoader.Load(ScenarioFile("full.json"));

        Assert.Equal("full-format", s.Name);
        Assert.Equal("Every field of the scenario format, for the loader tests.", s.Description);
        Assert.Equal(new Dictionary<string, string> { ["S24"] = "Kuryk port ferry processing, 2021", ["S249"] = "KZ Ministry of Transport, TITR volumes" }, s.Sources);

        SimulationSettings sim = s.Simulation;
        Assert.Equal((2025, 2, 30.0, 5, 7UL, 5_000_000.0, 0.8), (sim.StartYear, sim.Years, sim.WarmupDays, sim.Replications, sim.Seed, sim.TargetTons, sim.TargetProbability));

        CalibrationTarget c = Assert.IsType<CalibrationTarget>(s.Calibration);
        Assert.Equal((2025, 4_119_000.0, 0.15, "[S249] TITR 2025"), (c.Year, c.ReportedTons, c.Tolerance, c.Source));
        Assert.Equal(("wagons-west", 13.0, 17.0, "[S249] delivery time 13-17 days"), (c.TransitFlow, c.TransitDaysMin, c.TransitDaysMax, c.TransitSource));

        CorridorDefinition d = s.Corridor;
        Assert.Equal("full-format", d.Name);
        Assert.Equal([("wagon", 55), ("teu", 100)], d.Units.Select(u => (u.Id, u.UnitsPerTrain)));

        PortDefinition kuryk = d.Ports[0];
        Assert.Equal(("port:kuryk", 2, "triangular(6, 8, 12)", 24.0), (kuryk.Id, kuryk.Berths, kuryk.HandlingHours.ToString(), kuryk.PortTimeTargetHours));
        StormDefinition storms = Assert.IsType<StormDefinition>(kuryk.Storms);
        Assert.Equal([2, 2, 1.5, 1, 0.5, 0.2, 0.2, 0.3, 0.5, 1, 1.5, 2], storms.EpisodesPerMonth);
        Assert.Equal("gamma(2, 12)", storms.DurationHours.ToString());
        DatedClosure closure = Assert.Single(storms.Closures);
        Assert.Equal(new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc), closure.Start);
        Assert.Equal(DateTimeKind.Utc, closure.Start.Kind);
        Assert.Equal(36, closure.DurationHours);
        Assert.Equal(
            [("port:alat", 3, "constant(20)", 30.0), ("port:aktau", 1, "constant(16)", 30.0), ("port:baku", 1, "uniform(10, 20)", 30.0)],
            d.Ports.Skip(1).Select(p => (p.Id, p.Berths, p.HandlingHours.ToString(), p.PortTimeTargetHours)));
        Assert.All(d.Ports.Skip(1), p => Assert.Null(p.Storms));

        Assert.Equal(
            [
                ("border:dostyk", StageKind.Border, "china", "dostyk", 0.0, 20.0, "exponential(6)", 48.0),
                ("rail:kz", StageKind.Rail, "dostyk", "port:kuryk", 2300.0, 12.0, "normal(110, 10)", 36.0),
                ("rail:az", StageKind.Rail, "port:alat", "beyuk-kesik", 500.0, 10.0, "lognormal(14, 3)", 48.0),
                ("rail:az-old", StageKind.Rail, "port:alat", "beyuk-kesik", 0.0, 4.0, "constant(30)", 48.0),
                ("transshipment:akhalkalaki", StageKind.Transshipment, "beyuk-kesik", "akhalkalaki", 0.0, 8.0, "erlang(3, 12)", 48.0),
                ("terminal:kars", StageKind.Terminal, "akhalkalaki", "kars", 0.0, 8.0, "empirical(4, 6, 6, 9)", 48.0),
            ],
            d.Stages.Select(x => (x.Id, x.Kind, x.From, x.To, (x as RailSegmentDefinition)?.LengthKm ?? 0, x.TrainsPerDay, x.TransitHours.ToString(), x.MaxFormationWaitHours)));

        VesselLegDefinition ferry = d.VesselLegs[0];
        Assert.Equal(("ferry:kuryk-alat", "ferry", "port:kuryk", "port:alat", "wagon"), (ferry.Id, ferry.Kind, ferry.PortA, ferry.PortB, ferry.Unit));
        Assert.Equal(
            [("Composer Rakhmaninov", 54, (DateTime?)null), ("Composer Kara Karayev", 52, new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc))],
            ferry.Vessels.Select(v => (v.Name, v.CapacityUnits, v.InServiceFrom)));
        Assert.Equal(("triangular(18, 20, 24)", DepartureRule.WhenFullOrMaxWait, 96.0, 12.0, 168.0),
            (ferry.SailingHours.ToString(), ferry.Departure, ferry.MaxWaitHours, ferry.BackhaulMaxWaitHours, ferry.TimetableIntervalHours));
        Assert.Equal(new Dictionary<int, double> { [2025] = 0.9, [2026] = 0.85 }, ferry.LoadFactorByYear);

        VesselLegDefinition sea = d.VesselLegs[1];
        Assert.Equal(("sea:aktau-baku", "sea", "teu", "constant(22)", DepartureRule.Timetable, 72.0, 0.0, 96.0),
            (sea.Id, sea.Kind, sea.Unit, sea.SailingHours.ToString(), sea.Departure, sea.MaxWaitHours, sea.BackhaulMaxWaitHours, sea.TimetableIntervalHours));
        Assert.Equal(("Feeder 1", 400), (sea.Vessels[0].Name, sea.Vessels[0].CapacityUnits));
        Assert.Empty(sea.LoadFactorByYear);

        CargoFlowDefinition west = d.Flows[0];
        Assert.Equal(("wagons-west", "metals", "wagon", 60.0, 600_000.0, 2024, 0.1), (west.Id, west.Commodity, west.Unit, west.TonsPerUnit, west.AnnualTons, west.BaseYear, west.GrowthPerYear));
        Assert.Equal(new Dictionary<int, double> { [2026] = 700_000 }, west.AnnualTonsByYear);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1.2, 1.2, 1, 1, 0.8, 0.8], west.Seasonality);
        Assert.Equal(("china", "kars", RouteChoice.ShortestExpectedTime), (west.Origin, west.Destination, west.RouteChoice));
        Assert.Equal([0.7, 0.3], west.Routes.Select(r => r.Share));
        Assert.Equal(["border:dostyk", "rail:kz", "ferry:kuryk-alat", "rail:az", "transshipment:akhalkalaki", "terminal:kars"], west.Routes[0].Legs);
        Assert.Equal("rail:az-old", west.Routes[1].Legs[3]);

        CargoFlowDefinition boxes = d.Flows[1];
        Assert.Equal(("containers", 2024, 0.0, RouteChoice.FixedShares, 1.0), (boxes.Commodity, boxes.BaseYear, boxes.GrowthPerYear, boxes.RouteChoice, boxes.Routes[0].Share));
        Assert.Empty(boxes.AnnualTonsByYear);
        Assert.Empty(boxes.Seasonality);

        SlowdownDefinition slow = Assert.Single(d.Slowdowns);
        Assert.Equal(("border:dostyk", new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), 14.0, 0.5), (slow.Component, slow.Start, slow.DurationDays, slow.CapacityFactor));

        Assert.Equal(
            [
                ("Kuryk third berth", new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), "port:kuryk", InvestmentKind.Berths, 3.0),
                ("Two more ferries", new DateTime(2025, 9, 1, 2, 0, 0, DateTimeKind.Utc), "ferry:kuryk-alat", InvestmentKind.AddVessels, 0.0),
                ("Dredging Aktau", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "sea:aktau-baku", InvestmentKind.LoadFactor, 0.95),
                ("Second track", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "rail:kz", InvestmentKind.TrainsPerDay, 16.0),
                ("Alat automation", new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), "port:alat", InvestmentKind.HandlingTimeFactor, 0.8),
            ],
            d.Investments.Select(i => (i.Name, i.Date, i.Component, i.Kind, i.Value)));
        Assert.All(d.Investments, i => Assert.Equal(DateTimeKind.Utc, i.Date.Kind));
        Assert.Equal(
            [("New ferry 1", 50, (DateTime?)null), ("New ferry 2", 50, new DateTime(2025, 10, 1, 12, 30, 0, DateTimeKind.Utc))],
            d.Investments[1].Vessels.Select(v => (v.Name, v.CapacityUnits, v.InServiceFrom)));
        Assert.All(d.Investments.Where(i => i.Kind != InvestmentKind.AddVessels), i => Assert.Empty(i.Vessels));
    }

    [Fact]
    public void Load_MinimalScenario_AppliesTheDocumentedDefaults()
    {
        Scenario s = ScenarioLoader.Load(ScenarioFile("minimal.json"));

        Assert.Equal(string.Empty, s.Description);
        Assert.Empty(s.Sources);
        Assert.Null(s.Calibration);
        var defaults = new SimulationSettings { StartYear = 2024 };
        Assert.Equal(defaults, s.Simulation);
        Assert.Equal((1, 60.0, 20, 42UL, 10_000_000.0, 0.9),
            (s.Simulation.Years, s.Simulation.WarmupDays, s.Simulation.Replications, s.Simulation.Seed, s.Simulation.TargetTons, s.Simulation.TargetProbability));

        CorridorDefinition d = s.Corridor;
        Assert.Empty(d.Slowdowns);
        Assert.Empty(d.Investments);
        Assert.Equal((30.0, (StormDefinition?)null), (d.Ports[0].PortTimeTargetHours, d.Ports[0].Storms));
        Assert.Equal((0.0, 48.0), (((RailSegmentDefinition)d.Stages[0]).LengthKm, d.Stages[0].MaxFormationWaitHours));
        VesselLegDefinition leg = d.VesselLegs[0];
        Assert.Equal((DepartureRule.WhenFullOrMaxWait, 72.0, 0.0, 168.0), (leg.Departure, leg.MaxWaitHours, leg.BackhaulMaxWaitHours, leg.TimetableIntervalHours));
        Assert.Empty(leg.LoadFactorByYear);
        Assert.Null(leg.Vessels[0].InServiceFrom);
        CargoFlowDefinition f = d.Flows[0];
        Assert.Equal(("containers", 2024, 0.0, RouteChoice.FixedShares, 1.0), (f.Commodity, f.BaseYear, f.GrowthPerYear, f.RouteChoice, f.Routes[0].Share));
    }

    [Fact]
    public void Load_FullScenario_RunsOneYearOfTheModel()
    {
        Scenario s = ScenarioLoader.Load(ScenarioFile("full.json"));
        var model = new CorridorModel(s.Corridor);
        CorridorRun run = model.CreateRun(s.Simulation.Seed, replication: 0, s.Simulation.StartYear, s.Simulation.WarmupDays);
        YearResult year = run.RunYear();
        output.WriteLine($"delivered {year.DeliveredTons:F0} t, bottleneck {year.Bottleneck}");
        Assert.True(year.DeliveredTons > 0);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        // full.json has line comments and a trailing comma in $.stages.
        Assert.Contains("//", FullText, StringComparison.Ordinal);
        Assert.Equal(6, ScenarioLoader.Parse(FullText, "full.json").Corridor.Stages.Count);
        Scenario s = ScenarioLoader.Parse("/* block */ { \"name\": \"x\", \"simulation\": { \"startYear\": 2030, }, }", "inline.json");
        Assert.Equal(2030, s.Simulation.StartYear);
    }

    [Fact]
    public void Parse_EditedTree_RevalidatesTheText()
    {
        // Read once, set parameters in the tree, parse the text again.
        JsonNode doc = FullDocument;
        doc["simulation"]!["replications"] = 50;
        doc["ports"]![0]!["berths"] = 4;
        doc["stages"]![1]!["trainsPerDay"] = 14.5m;
        doc["simulation"]!["seed"] = ulong.MaxValue;
        Scenario s = ScenarioLoader.Parse(doc.ToJsonString(), "sweep");
        Assert.Equal((50, 4, 14.5, ulong.MaxValue), (s.Simulation.Replications, s.Corridor.Ports[0].Berths, s.Corridor.Stages[1].TrainsPerDay, s.Simulation.Seed));

        doc["ports"]![0]!["berths"] = 0;
        doc["simulation"]!["warmupDays"] = -1;
        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(doc.ToJsonString(), "sweep"));
        Assert.Equal(["$.simulation.warmupDays", "$.ports[0].berths"], ex.Errors.Select(e => e.Path));
        Assert.All(ex.Errors, e => Assert.Equal("sweep", e.File));
    }

    [Fact]
    public void Parse_DateTimes_AreUtc()
    {
        JsonNode doc = FullDocument;
        doc["slowdowns"]![0]!["start"] = "2025-03-01T10:15:30.5+03:00";
        doc["investments"]![0]!["date"] = "2025-07-01T08:00";
        Scenario s = ScenarioLoader.Parse(doc.ToJsonString(), "dates");
        Assert.Equal(new DateTime(2025, 3, 1, 7, 15, 30, 500, DateTimeKind.Utc), s.Corridor.Slowdowns[0].Start);
        Assert.Equal(DateTimeKind.Utc, s.Corridor.Slowdowns[0].Start.Kind);
        Assert.Equal(new DateTime(2025, 7, 1, 8, 0, 0, DateTimeKind.Utc), s.Corridor.Investments[0].Date);
    }

    // minimal.json with a gauge-change stage worked in two modes and a road leg on from the far port, by a second flow.
    private static string WithNewKinds(string modes = "[ { \"name\": \"bogie exchange\", \"share\": 3, \"hours\": { \"triangular\": [2, 3, 5] } }, { \"name\": \"crane transfer\", \"hours\": 6 } ]",
        string roadLeg = "{ \"id\": \"road:alat-baku\", \"from\": \"port:alat\", \"to\": \"baku\", \"lanes\": 4, \"processingHours\": { \"exponential\": [0.5] }, \"haulHours\": 2, \"source\": \"test\" }") =>
        File.ReadAllText(ScenarioFile("minimal.json"))
            .Replace("\"transitHours\": 120 }", "\"transitHours\": 120 },\n    { \"id\": \"transshipment:dostyk\", \"kind\": \"transshipment\", \"from\": \"china\", \"to\": \"dostyk\", \"trainsPerDay\": 8, \"transitHours\": 4, \"modes\": " + modes + " }", StringComparison.Ordinal)
            .Replace("\"flows\": [", "\"roadLegs\": [ " + roadLeg + " ],\n  \"flows\": [", StringComparison.Ordinal);

    [Fact]
    public void Parse_RoadLegsAndHandlingModes_AreRead()
    {
        Scenario s = ScenarioLoader.Parse(WithNewKinds(), "kinds.json");
        CorridorDefinition d = s.Corridor;
        RoadLegDefinition road = Assert.Single(d.Components.OfType<RoadLegDefinition>().ToList());
        Assert.Equal(("road:alat-baku", "port:alat", "baku", 4, "exponential(0.5)", "constant(2)"),
            (road.Id, road.From, road.To, road.Lanes, road.ProcessingHours.ToString(), road.HaulHours.ToString()));
        Assert.IsType<RoadLegDefinition>(d.Components[^1]); // the registry's order: ports, stages, vessel legs, road legs
        TransshipmentDefinition gauge = Assert.IsType<TransshipmentDefinition>(d.Stages[1]);
        Assert.Equal([("bogie exchange", 3.0, "triangular(2, 3, 5)"), ("crane transfer", 1.0, "constant(6)")],
            gauge.Modes.Select(m => (m.Name, m.Share, m.Hours.ToString())));

        Scenario defaults = ScenarioLoader.Parse(WithNewKinds(modes: "[]", roadLeg: "{ \"id\": \"road:x\", \"from\": \"port:alat\", \"to\": \"baku\", \"processingHours\": 1, \"haulHours\": 2 }"), "defaults.json");
        Assert.Equal(new RoadLegDefinition { Id = "x", From = "a", To = "b", ProcessingHours = Distribution.Constant(1), HaulHours = Distribution.Constant(1) }.Lanes, defaults.Corridor.Components.OfType<RoadLegDefinition>().ToList()[0].Lanes);
        Assert.Empty(((TransshipmentDefinition)defaults.Corridor.Stages[1]).Modes);
    }

    [Theory]
    [InlineData("\"lanes\": 4,", "\"lanes\": 0,", "$.roadLegs[0].lanes", "found 0, expected an integer within 1..1000")]
    [InlineData("\"lanes\": 4,", "\"lane\": 4,", "$.roadLegs[0].lane", "unknown field 'lane' (expected one of: id, from, to, lanes, processingHours, haulHours, source); did you mean 'lanes'?")]
    [InlineData("\"haulHours\": 2,", "", "$.roadLegs[0].haulHours", "missing required field 'haulHours' of a road leg")]
    [InlineData("\"to\": \"baku\"", "\"to\": \"port:alat\"", "$.roadLegs[0]", "road leg 'road:alat-baku': from and to must be two different nodes")]
    [InlineData("\"share\": 3,", "\"share\": 0,", "$.stages[1].modes[0].share", "found 0, expected a number within (0, 1e9]")]
    [InlineData("\"hours\": 6", "\"hours\": { \"uniform\": [6, 2] }", "$.stages[1].modes[1].hours.uniform", "impossible distribution parameters: found uniform [6, 2]")]
    [InlineData("\"name\": \"crane transfer\", ", "", "$.stages[1].modes[1].name", "missing required field 'name' of a handling mode")]
    [InlineData("\"kind\": \"transshipment\"", "\"kind\": \"border\"", "$.stages[1].modes", "'modes' is only used with kind \"transshipment\", found kind \"border\"")]
    public void Parse_BrokenRoadLegOrHandlingMode_ReportsThePath(string find, string replace, string path, string fragment)
    {
        string text = WithNewKinds();
        Assert.Equal(1, text.Split(find).Length - 1);
        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text.Replace(find, replace, StringComparison.Ordinal), "kinds.json"));
        foreach (ScenarioError e in ex.Errors)
        {
            output.WriteLine(e.ToString());
        }

        Assert.Contains(fragment, Assert.Single(ex.Errors, e => e.Path == path).Message, StringComparison.Ordinal);
        Assert.Single(ex.Errors);
    }

    [Fact]
    public void Parse_LanesInvestment_SetsARoadLegsLanes()
    {
        string text = WithNewKinds().Replace("\"flows\": [", "\"investments\": [ { \"name\": \"more gates\", \"date\": \"2024-06-01\", \"component\": \"road:alat-baku\", \"kind\": \"lanes\", \"value\": 6 } ],\n  \"flows\": [", StringComparison.Ordinal);
        InvestmentDefinition i = Assert.Single(ScenarioLoader.Parse(text, "lanes.json").Corridor.Investments);
        Assert.Equal((InvestmentKind.Lanes, 6.0), (i.Kind, i.Value));
    }

    // ---------------------------------------------------------------- broken files

    /// <summary>
    /// Broken variants of full.json: each row replaces one exact, unique piece of its text and states the error
    /// expected (path exact, message fragments separated by " | ") and how many errors the file has in all (-1: not checked).
    /// </summary>
    [Theory]
    [InlineData("syntax error", "\"name\": \"full-format\",", "\"name\": \"full-format\",,", "$", "invalid JSON at line 5, byte", 1)]
    [InlineData("wrong type", "\"trainsPerDay\": 12,", "\"trainsPerDay\": \"ten\",", "$.stages[1].trainsPerDay", "found a string \"ten\", expected a number", 1)]
    [InlineData("null for a number", "\"lengthKm\": 500,", "\"lengthKm\": null,", "$.stages[2].lengthKm", "found null, expected a number", 1)]
    [InlineData("integer expected", "\"berths\": 2,", "\"berths\": 2.5,", "$.ports[0].berths", "found 2.5, expected an integer", 1)]
    [InlineData("infinite number", "\"targetTons\": 5000000,", "\"targetTons\": 1e400,", "$.simulation.targetTons", "found 1e400, expected a finite number", 1)]
    [InlineData("unknown field, top level", "\"name\": \"full-format\",", "\"name\": \"full-format\", \"colour\": \"blue\",", "$.colour", "unknown field 'colour' (expected one of: $schema, name, description, metric, sources, simulation, calibration, units", 1)]
    [InlineData("unknown field, nested", "{ \"id\": \"port:alat\", \"berths\": 3,", "{ \"id\": \"port:alat\", \"berth\": 3,", "$.ports[1].berth", "unknown field 'berth' (expected one of: id, berths, handlingHours, portTimeTargetHours, storms, source) | did you mean 'berths'?", 2)]
    [InlineData("unknown field, deep", "\"seed\": 7,", "\"sed\": 7,", "$.simulation.sed", "unknown field 'sed' | did you mean 'seed'?", 1)]
    [InlineData("duplicate field", "\"seed\": 7,", "\"seed\": 7, \"seed\": 8,", "$.simulation.seed", "duplicate field 'seed'", 1)]
    [InlineData("missing required field", "\"lengthKm\": 2300, \"trainsPerDay\": 12,", "\"lengthKm\": 2300,", "$.stages[1].trainsPerDay", "missing required field 'trainsPerDay' of a stage", 1)]
    [InlineData("missing scenario name", "\"name\": \"full-format\",", "", "$.name", "missing required field 'name'", 1)]
    [InlineData("wrong enum value", "\"kind\": \"terminal\"", "\"kind\": \"Terminal\"", "$.stages[5].kind", "found a string \"Terminal\", expected one of: \"rail\", \"border\", \"transshipment\", \"terminal\" | did you mean \"terminal\"?", 1)]
    [InlineData("negative berths", "{ \"id\": \"port:alat\", \"berths\": 3,", "{ \"id\": \"port:alat\", \"berths\": -3,", "$.ports[1].berths", "found -3, expected an integer within 1..1000", 1)]
    [InlineData("negative vessel capacity", "\"capacityUnits\": 400", "\"capacityUnits\": -400", "$.vesselLegs[1].vessels[0].capacityUnits", "found -400, expected an integer within 1..100000", 1)]
    [InlineData("dangling route leg", "[\"sea:aktau-baku\"]", "[\"sea:aktau-bakuu\"]", "$.flows[1].routes[0].legs[0]", "route leg 'sea:aktau-bakuu' is not a route leg defined in the corridor", 2)]
    [InlineData("route not connected", "\"rail:az-old\", \"transshipment:akhalkalaki\"", "\"transshipment:akhalkalaki\", \"rail:az-old\"", "$.flows[0].routes[1].legs[3]", "stage 'transshipment:akhalkalaki' starts at 'beyuk-kesik' but the route is at 'port:alat'", -1)]
    [InlineData("vessel leg to an unknown port", "\"portB\": \"port:baku\"", "\"portB\": \"port:bak\"", "$.vesselLegs[1].portB", "portB 'port:bak' is not a port defined in $.ports", -1)]
    [InlineData("empty fleet", "\"vessels\": [ { \"name\": \"Feeder 1\", \"capacityUnits\": 400 } ],", "\"vessels\": [],", "$.vesselLegs[1].vessels", "the fleet is empty and no investment adds vessels", 1)]
    [InlineData("duplicate id", "\"id\": \"rail:az-old\"", "\"id\": \"rail:az\"", "$.stages[3].id", "stage id 'rail:az' is already used at $.stages[2].id", -1)]
    [InlineData("triangular min > max", "{ \"triangular\": [6, 8, 12] }", "{ \"triangular\": [12, 8, 6] }", "$.ports[0].handlingHours.triangular", "impossible distribution parameters: found triangular [12, 8, 6]: the maximum must be greater than the minimum (12); expected [min, mode, max] with min < max", 1)]
    [InlineData("normal sd < 0", "{ \"normal\": [110, 10] }", "{ \"normal\": [110, -10] }", "$.stages[1].transitHours.normal", "impossible distribution parameters: found normal [110, -10]: the standardDeviation must be finite and at least 0; expected [mean, sd] with sd >= 0.", 1)]
    [InlineData("negative mean duration", "{ \"normal\": [110, 10] }", "{ \"normal\": [-110, 10] }", "$.stages[1].transitHours", "has mean -110 hours; expected a non-negative duration", 1)]
    [InlineData("unknown distribution", "{ \"exponential\": [6] }", "{ \"weibull\": [6] }", "$.stages[0].transitHours.weibull", "unknown field 'weibull' (expected one of: constant, exponential, uniform, triangular, normal, lognormal, gamma, erlang, empirical)", 1)]
    [InlineData("two distribution keys", "{ \"exponential\": [6] }", "{ \"exponential\": [6], \"constant\": [6] }", "$.stages[0].transitHours", "found 2 fields (exponential, constant), expected exactly 1 field (a distribution)", 1)]
    [InlineData("distribution parameter count", "{ \"gamma\": [2, 12] }", "{ \"gamma\": [2] }", "$.ports[0].storms.durationHours.gamma", "found an array of 1 item, expected exactly 2 items ([shape, scale])", 1)]
    [InlineData("distribution of the wrong type", "\"handlingHours\": 20 }", "\"handlingHours\": \"twenty\" }", "$.ports[1].handlingHours", "found a string \"twenty\", expected a distribution: a number (a constant) or an object", 1)]
    [InlineData("erlang k not whole", "{ \"erlang\": [3, 12] }", "{ \"erlang\": [2.5, 12] }", "$.stages[4].transitHours.erlang[0]", "found 2.5, expected an integer", 1)]
    [InlineData("absurd replications", "\"replications\": 5,", "\"replications\": 1e9,", "$.simulation.replications", "found 1e9, expected an integer within 1..10000", 1)]
    [InlineData("absurd years", "\"years\": 2,", "\"years\": 500,", "$.simulation.years", "found 500, expected an integer within 1..50", 1)]
    [InlineData("absurd trains per day", "\"trainsPerDay\": 12,", "\"trainsPerDay\": 1e12,", "$.stages[1].trainsPerDay", "found 1e12, expected a number within (0, 10000]", 1)]
    [InlineData("seasonality of 11 months", "[1, 1, 1, 1, 1, 1, 1.2, 1.2, 1, 1, 0.8, 0.8]", "[1, 1, 1, 1, 1, 1.2, 1.2, 1, 1, 0.8, 0.8]", "$.flows[0].seasonality", "found an array of 11 items, expected exactly 12 items (12 monthly values, January first)", 1)]
    [InlineData("date that does not exist", "\"date\": \"2025-07-01\"", "\"date\": \"2025-02-30\"", "$.investments[0].date", "found a string \"2025-02-30\", expected a calendar date that exists", 1)]
    [InlineData("date in another format", "\"start\": \"2025-03-01\"", "\"start\": \"1 March 2025\"", "$.slowdowns[0].start", "found a string \"1 March 2025\", expected a date \"YYYY-MM-DD\" or an ISO 8601 date-time", 1)]
    [InlineData("bad year key", "\"loadFactorByYear\": { \"2025\": 0.9,", "\"loadFactorByYear\": { \"20x5\": 0.9,", "$.vesselLegs[0].loadFactorByYear.20x5", "found the key \"20x5\", expected a 4-digit year such as \"2027\"", 1)]
    [InlineData("load factor above 1", "\"2026\": 0.85", "\"2026\": 1.5", "$.vesselLegs[0].loadFactorByYear.2026", "found 1.5, expected a number within (0, 1]", 1)]
    [InlineData("value with addVessels", "\"kind\": \"addVessels\",", "\"kind\": \"addVessels\", \"value\": 2,", "$.investments[1].value", "'value' is not used with kind \"addVessels\"", 1)]
    [InlineData("vessels with another kind", "\"kind\": \"loadFactor\", \"value\": 0.95", "\"kind\": \"loadFactor\", \"value\": 0.95, \"vessels\": []", "$.investments[2].vessels", "'vessels' is only used with kind \"addVessels\", found kind \"loadFactor\"", 1)]
    [InlineData("investment without value", "\"kind\": \"berths\", \"value\": 3,", "\"kind\": \"berths\",", "$.investments[0].value", "missing field 'value', required with kind \"berths\"", 1)]
    [InlineData("investment on the wrong component", "\"component\": \"port:alat\", \"kind\": \"handlingTimeFactor\"", "\"component\": \"rail:kz\", \"kind\": \"handlingTimeFactor\"", "$.investments[4].component", "stage 'rail:kz' takes no investment of kind HandlingTimeFactor; it takes TrainsPerDay", 1)]
    [InlineData("calibration flow unknown", "\"transitFlow\": \"wagons-west\"", "\"transitFlow\": \"wagons-east\"", "$.calibration.transitFlow", "found 'wagons-east', expected the id of a flow in $.flows (defined: wagons-west, containers-west)", 1)]
    [InlineData("calibration year not simulated", "\"year\": 2025,", "\"year\": 2030,", "$.calibration.year", "found 2030, expected one of the simulated years 2025..2026", 1)]
    [InlineData("backtest year not simulated", "\"year\": 2025,", "\"year\": 2025, \"reportedTonsByYear\": { \"2025\": 4119000, \"2027\": 5000000 },", "$.calibration.reportedTonsByYear.2027", "year 2027 is not simulated; expected one of 2025..2026", 1)]
    [InlineData("calibration transit range reversed", "\"transitDaysMax\": 17", "\"transitDaysMax\": 10", "$.calibration.transitDaysMax", "found 10, expected at least transitDaysMin (13)", 1)]
    [InlineData("calibration transit without flow", "\"transitFlow\": \"wagons-west\",", "", "$.calibration.transitDaysMin", "'transitDaysMin' is given but no transitFlow names the flow", 3)]
    public void Parse_BrokenScenario_ReportsThePathAndWhatWasExpected(string name, string find, string replace, string path, string fragments, int count)
    {
        string text = FullText;
        int at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{name}: '{find}' is not in full.json");
        Assert.True(text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"{name}: '{find}' is not unique in full.json");
        string broken = string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));

        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(broken, "broken.json"));
        foreach (ScenarioError e in ex.Errors)
        {
            output.WriteLine(e.ToString());
        }

        ScenarioError error = Assert.Single(ex.Errors, e => e.Path == path);
        Assert.Equal("broken.json", error.File);
        foreach (string fragment in fragments.Split(" | "))
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        if (count >= 0)
        {
            Assert.Equal(count, ex.Errors.Count);
        }

        Assert.False(ScenarioLoader.TryParse(broken, "broken.json", out Scenario? none, out IReadOnlyList<ScenarioError> errors));
        Assert.Null(none);
        Assert.Equal(ex.Errors, errors);
    }

    [Fact]
    public void Load_SyntaxErrorFile_ReportsLineAndByte()
    {
        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(ScenarioFile("syntax-error.json")));
        ScenarioError e = Assert.Single(ex.Errors);
        Assert.Equal(ScenarioFile("syntax-error.json"), e.File);
        Assert.Equal("$", e.Path);
        Assert.StartsWith("invalid JSON at line 4, byte 30:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithSeveralErrors_ReportsThemAllAtOnce()
    {
        Assert.False(ScenarioLoader.TryLoad(ScenarioFile("many-errors.json"), out Scenario? scenario, out IReadOnlyList<ScenarioError> errors));
        Assert.Null(scenario);
        foreach (ScenarioError e in errors)
        {
            output.WriteLine(e.ToString());
        }

        Assert.Equal(
            [
                "$.simulation.replications",           // schema: out of range
                "$.colour",                            // schema: unknown field
                "$.ports[0].berth",                    // schema: unknown field (did you mean 'berths'?)
                "$.ports[0].berths",                   // schema: missing required field
                "$.ports[1].handlingHours",            // schema: a string is not a distribution
                "$.ports[0].handlingHours.triangular", // mapping: impossible parameters
                "$.investments[0].date",               // mapping: 30 February
                "$.vesselLegs[0].vessels",             // model: empty fleet
                "$.flows[0].routes[0].legs[1]",        // model: dangling leg
                "$.flows[0].routes[0].legs",           // model: the route does not reach the destination
            ],
            errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal(ScenarioFile("many-errors.json"), e.File));

        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(ScenarioFile("many-errors.json")));
        Assert.StartsWith("The scenario has 10 error(s):", ex.Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Contains(e.ToString(), ex.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]", "found an empty array, expected an object (a CorridorSim scenario)")]
    [InlineData("null", "found null, expected an object (a CorridorSim scenario)")]
    [InlineData("42", "found 42, expected an object (a CorridorSim scenario)")]
    [InlineData("\"scenario\"", "found a string \"scenario\", expected an object (a CorridorSim scenario)")]
    [InlineData("", "invalid JSON at line 1, byte 1")]
    [InlineData("{", "invalid JSON at line 1, byte 2")]
    [InlineData("\uFEFF{ \"name\": \"x\" }", "missing required field 'simulation'")]
    public void Parse_NotAScenarioObject_ReportsOneErrorAtTheRoot(string json, string fragment)
    {
        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "root.json"));
        ScenarioError e = Assert.Single(ex.Errors);
        Assert.StartsWith("$", e.Path, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_MissingFile_ReportsItInsteadOfThrowing()
    {
        string path = ScenarioFile("no-such-file.json");
        Assert.False(ScenarioLoader.TryLoad(path, out Scenario? scenario, out IReadOnlyList<ScenarioError> errors));
        Assert.Null(scenario);
        ScenarioError e = Assert.Single(errors);
        Assert.Equal((path, "$"), (e.File, e.Path));
        Assert.StartsWith("cannot read the file:", e.Message, StringComparison.Ordinal);
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
    }

    [Theory]
    [InlineData("{ \"name\": \"a\\ud800\", \"simulation\": { \"startYear\": 2024 } }", "$.name", "found a string with a lone UTF-16 surrogate escape")]
    [InlineData("{ \"name\": \"a\", \"simulation\": { \"startYear\": 2024 }, \"units\": [ { \"id\": \"\\udfff\", \"unitsPerTrain\": 1 } ] }", "$.units[0].id", "lone UTF-16 surrogate escape")]
    [InlineData("{ \"name\": \"a\", \"simulation\": { \"startYear\": 2024, \"x\\ud800\": 1 } }", "$.simulation", "a field name holds a lone UTF-16 surrogate escape")]
    public void TryParse_LoneSurrogateEscape_ReturnsTheErrorAtItsPathInsteadOfThrowing(string json, string path, string fragment)
    {
        Assert.False(ScenarioLoader.TryParse(json, "s.json", out Scenario? scenario, out IReadOnlyList<ScenarioError> errors));

        Assert.Null(scenario);
        ScenarioError e = Assert.Single(errors);
        Assert.Equal(path, e.Path);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Throws<ScenarioException>(() => ScenarioLoader.ParseDocument(json, "s.json"));
    }

    [Fact]
    public void TryParse_LoneSurrogateCharacterInTheText_ReturnsAnErrorInsteadOfThrowing()
    {
        // Not an escape: a string from code holding half a surrogate pair.
        string json = "{ \"name\": \"a" + '\ud800' + "\", \"simulation\": { \"startYear\": 2024 } }";

        Assert.False(ScenarioLoader.TryParse(json, "s.json", out _, out IReadOnlyList<ScenarioError> errors));

        ScenarioError e = Assert.Single(errors);
        Assert.Equal("$", e.Path);
        Assert.StartsWith("invalid text at line 1, character 13: found half a UTF-16 surrogate pair (U+D800)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ScenarioException>(() => ScenarioLoader.ParseDocument(json, "s.json"));
    }

    [Fact]
    public void TryLoad_LoneSurrogateEscapeInAFile_ReturnsTheErrorInsteadOfThrowing()
    {
        string path = Path.Combine(Path.GetTempPath(), $"corridorsim-surrogate-{Environment.ProcessId}.json");
        File.WriteAllText(path, FullText.Replace("\"port:kuryk\"", "\"port:\\ud83dkuryk\"", StringComparison.Ordinal));
        try
        {
            Assert.False(ScenarioLoader.TryLoad(path, out _, out IReadOnlyList<ScenarioError> errors));
            Assert.Contains(errors, e => e.Path == "$.ports[0].id" && e.Message.Contains("surrogate", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TryLoad_EmptyFile_SaysSoWithoutReadingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"corridorsim-empty-{Environment.ProcessId}.json");
        File.WriteAllBytes(path, []);
        try
        {
            Assert.False(ScenarioLoader.TryLoad(path, out _, out IReadOnlyList<ScenarioError> errors));
            Assert.Contains("the file is empty, or is not a regular file", Assert.Single(errors).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ScenarioException_ManyErrorsOfOneKind_MessageListsTenPerKindAndCountsTheRest()
    {
        ScenarioError[] errors =
        [
            .. Enumerable.Range(0, 25).Select(i => new ScenarioError($"$.ports[{i}].bertsh", $"unknown field 'bertsh' (expected one of: id, berths); did you mean 'berths'?")),
            new ScenarioError("$.name", "missing required field 'name' of a CorridorSim scenario."),
            .. Enumerable.Range(0, 12).Select(i => new ScenarioError($"$.flows[{i}].annualTons", $"found {i * 1e10}, expected a number within 0..1e9.")),
        ];
        var ex = new ScenarioException(errors);

        IReadOnlyList<string> lines = ex.ReportLines();

        Assert.Equal(38, ex.Errors.Count);
        Assert.Equal(10 + 1 + 10 + 2, lines.Count);
        Assert.Equal("… and 15 more like the one at $.ports[10].bertsh: unknown field 'bertsh' (expected one of: id, berths); did you mean 'berths'?", lines[^2]);
        Assert.StartsWith("… and 2 more like the one at $.flows[10].annualTons: found 100000000000,", lines[^1], StringComparison.Ordinal);
        Assert.Contains(lines[^2], ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("$.ports[11]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioError_ToString_IsFileColonPathColonMessage()
    {
        Assert.Equal("a.json: $.ports[0].berths: found 0", new ScenarioError("$.ports[0].berths", "found 0") { File = "a.json" }.ToString());
        Assert.Equal("$.ports[0].berths: found 0", new ScenarioError("$.ports[0].berths", "found 0").ToString());
        var ex = new ScenarioException([new ScenarioError("$.x", "one") { File = "a.json" }, new ScenarioError("$.y", "two") { File = "a.json" }]);
        Assert.Equal($"The scenario has 2 error(s):{Environment.NewLine}  a.json: $.x: one{Environment.NewLine}  a.json: $.y: two", ex.Message);
    }

    [Fact]
    public void ParseDocument_RepeatedField_Throws()
    {
        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.ParseDocument("{ \"a\": 1, \"b\": { \"c\": 1, \"c\": 2 } }", "dup.json"));
        Assert.Equal("$.b.c", Assert.Single(ex.Errors).Path);
        Assert.Null(ScenarioLoader.ParseDocument("null", "null.json"));
    }

    // ---------------------------------------------------------------- no input crashes the loader

    [Fact]
    public void Parse_RepeatedTopLevelField_IsReportedOnceAtItsPath()
    {
        // Replaces the JsonNode overloads' lazy-duplicate test: text is the only input now, and a repeat is one error.
        ScenarioException ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("{ \"name\": \"a\", \"name\": \"b\", \"simulation\": { \"startYear\": 2024 } }", "dup.json"));
        ScenarioError e = Assert.Single(ex.Errors);
        Assert.Equal(("$.name", "dup.json"), (e.Path, e.File));
        Assert.StartsWith("duplicate field 'name'", e.Message, StringComparison.Ordinal);
    }

    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null,
        () => JsonValue.Create("x"),
        () => JsonValue.Create(string.Empty),
        () => JsonValue.Create("2025-01-01"),
        () => JsonValue.Create(-1),
        () => JsonValue.Create(0),
        () => JsonValue.Create(2.5),
        () => JsonValue.Create(1e300),
        () => JsonValue.Create(true),
        () => new JsonArray(),
        () => new JsonArray(JsonValue.Create(1), JsonValue.Create("a"), null),
        () => new JsonObject(),
        () => new JsonObject { ["weibull"] = new JsonArray(JsonValue.Create(1)) },
        () => new JsonObject { ["triangular"] = new JsonArray(JsonValue.Create(3), JsonValue.Create(2), JsonValue.Create(1)) },
        () => JsonValue.Create(ulong.MaxValue),
        () => JsonValue.Create(decimal.MaxValue),
        () => JsonValue.Create(Utc20250101),
        () => JsonValue.Create('c'),
        () => JsonValue.Create(Guid.Empty),
    ];

    [Fact]
    public void Parse_EveryValueReplacedOrRemoved_OnlyEverReportsErrors()
    {
        JsonNode original = FullDocument;
        List<List<object>> locations = ScenarioMutations.Locations(original).ToList();
        int parsed = 0;
        int rejected = 0;
        foreach (List<object> location in locations)
        {
            for (int r = -1; r < Replacements.Length; r++)
            {
                JsonNode doc = ScenarioMutations.Mutate(original, location, r < 0 ? null : Replacements[r](), remove: r < 0);
                try
                {
                    if (ScenarioLoader.TryParse(doc.ToJsonString(), "fuzz", out _, out IReadOnlyList<ScenarioError> errors))
                    {
                        parsed++;
                    }
                    else
                    {
                        rejected++;
                        Assert.NotEmpty(errors);
                        Assert.All(errors, e => Assert.True(e.Path.StartsWith('$') && e.Message.Length > 0 && e.File == "fuzz"));
                    }
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"{string.Join("/", location)} replaced by #{r}: {ex}");
                }
            }
        }

        output.WriteLine($"{locations.Count} locations: {parsed} variants parsed, {rejected} rejected");
        Assert.True(rejected > parsed);
    }

    [Fact]
    public void Parse_RandomTextMutations_OnlyEverReportErrors()
    {
        string text = FullText;
        const string Alphabet = "{}[]\",:.-+eE0123456789 \n/*atfnul\\x";
        var random = new Random(20251107);
        int parsed = 0;
        for (int i = 0; i < 3000; i++)
        {
            var b = new System.Text.StringBuilder(text);
            int edits = 1 + random.Next(3);
            for (int k = 0; k < edits; k++)
            {
                int at = random.Next(b.Length);
                switch (random.Next(4))
                {
                    case 0: b.Remove(at, 1); break;
                    case 1: b.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 2: b[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    default: b.Remove(at, Math.Min(b.Length - at, random.Next(40))); break;
                }
            }

            string mutated = b.ToString();
            try
            {
                if (ScenarioLoader.TryParse(mutated, "fuzz", out _, out IReadOnlyList<ScenarioError> errors))
                {
                    parsed++;
                }
                else
                {
                    Assert.NotEmpty(errors);
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"mutation {i}: {ex}{Environment.NewLine}{mutated}");
            }
        }

        output.WriteLine($"{parsed} of 3000 mutations still parsed");
    }
}
