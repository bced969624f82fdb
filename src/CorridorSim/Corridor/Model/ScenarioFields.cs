namespace CorridorSim.Corridor;

/// <summary>The scenario file's top level and its simulation and calibration blocks (defaults: the records' initializers).</summary>
internal static class ScenarioFields
{
    public static Shape Simulation { get; } = new("simulation", "the simulation block", typeof(SimulationSettings),
    [
        new("startYear", Form.Integer, "First calendar year simulated and reported.") { Required = true, Min = 1900, Max = 2200 },
        new("years", Form.Integer, "Number of consecutive calendar years simulated and reported.") { Min = 1, Max = 50 },
        new("warmupDays", Form.Number, "Days simulated before 1 January of startYear and discarded, to fill the pipeline.") { Min = 0, Max = 3650 },
        new("replications", Form.Integer, "Independent replications.") { Min = 1, Max = SimulationSettings.MaxReplications },
        new("seed", Form.Integer, "Master seed, an unsigned 64-bit integer; replication i of a seed always draws the same random streams.") { Min = 0, Max = 18446744073709551615.0 },
        new("targetTons", Form.Number, "Throughput target in tons per year (the Middle Corridor's 10 Mt).") { Min = 0, MinExclusive = true, Max = 1e10 },
        new("serviceTransitFactor", Form.Number, "Service limit of the capacity search: every flow's p95 transit may be at most this factor times its p95 at half the ceiling load.") { Min = 1, MinExclusive = true, Max = 100 },
        new("targetProbability", Form.Number, "Probability with which the target must be met for a year to count as \"target met\".") { Min = 0, MinExclusive = true, Max = 1 },
        new("maxTonsInSystem", Form.Number, "The most tons one replication may hold in the corridor (queued, in transit, aboard); past it the run stops with a message naming the component holding the most and the year, instead of running out of memory.") { Min = 0, MinExclusive = true, Max = 1e10 },
    ]);

    public static Shape Calibration { get; } = new("calibration", "the calibration block", typeof(CalibrationTarget),
    [
        new("year", Form.Integer, "Calendar year the reported figures refer to; must be one of the simulated years.") { Required = true, Min = 1900, Max = 2200 },
        new("reportedTons", Form.Number, "Reported tons delivered in that year (e.g. 4484000 for TITR 2024, KZ Ministry of Transport [S249]).") { Required = true, Min = 0, MinExclusive = true, Max = 1e10 },
        new("tolerance", Form.Number, "Allowed relative error of the simulated mean; 0.1 means ±10 %.") { Min = 0, MinExclusive = true, Max = 1 },
        new("source", Form.Text, "Where the reported tons come from (a DOMAIN.md source id or citation)."),
        new("transitFlow", Form.Text, "Id of the flow whose mean transit time is checked; must name a flow in $.flows; none: no transit check.") { MinLength = 1 },
        new("transitDaysMin", Form.Number, "Lowest reported transit time of transitFlow, in days. Requires transitFlow.") { Min = 0, Max = 3650 },
        new("transitDaysMax", Form.Number, "Highest reported transit time of transitFlow, in days; at least transitDaysMin. Requires transitFlow.") { Min = 0, Max = 3650 },
        new("transitSource", Form.Text, "Where the reported transit times come from."),
        new("reportedTonsByYear", Form.YearMap, "Reported tons delivered by calendar year, e.g. {\"2022\": 1485000} (the KZ Ministry of Transport series [S249]): a backtest; the run prints each listed simulated year's delivered tons beside it and the error, judged against tolerance.") { Min = 0, MinExclusive = true, Max = 1e10 },
        new("statedCapacityTonsByYear", Form.YearMap, "Stated whole-route capacity in tons a year by calendar year, e.g. {\"2024\": 5800000} (ADB [S269]); a run with --capacity prints the service capacity beside it.") { Min = 0, MinExclusive = true, Max = 1e10 },
        new("statedCapacitySource", Form.Text, "Where the stated capacities come from."),
    ]);

    public static Shape Root { get; } = new("scenario", "a CorridorSim scenario", typeof(Scenario),
    [
        new("$schema", Form.Text, "Optional URI or path of this schema, for editors; ignored by the loader."),
        new("name", Form.Text, "Scenario name, used in reports and summary.json.") { Required = true, MinLength = 1 },
        new("description", Form.Text, "What the scenario represents, free text."),
        new("metric", Form.Text, "The reported volume series the scenario's tons stand for, free text (the samples: the KZ Ministry of Transport TITR series [S249]); other series may give growth rates or shares, and the text says which."),
        new("sources", Form.TextMap, "The sources the file cites: DOMAIN.md source id (e.g. \"S249\") to a title or citation. Kept for the record."),
        new("simulation", Form.Object, "How the scenario is simulated: the years, warm-up, replications, seed and throughput target.") { Required = true, Item = Simulation },
        new("calibration", Form.Object, "Reported figures the scenario is calibrated against; the run prints its error against them.") { Item = Calibration },
        new("units", Form.List, "Unit types (TEU, wagon, tanker load) referenced by flows and vessel legs.") { Item = FlowFields.Unit },
        new("ports", Form.List, "Ports where vessel legs load and unload.") { Item = PortFields.Port },
        new("stages", Form.List, "Train-handling stages: rail segments, border crossings, transshipment points and terminals.") { Item = StageFields.Stage },
        new("vesselLegs", Form.List, "Vessel legs between two ports (Caspian ferry lines, feeder and tanker lines).") { Item = VesselLegFields.VesselLeg },
        new("roadLegs", Form.List, "Road (truck) legs from one node to another: a gate with processing lanes, then the haul.") { Item = RoadLegFields.RoadLeg },
        new("flows", Form.List, "Cargo flows: what, how much, when, from where to where and by which routes.") { Item = FlowFields.Flow },
        new("slowdowns", Form.List, "Dated slowdowns of stages (border congestion episodes).") { Item = SlowdownFields.Slowdown },
        new("investments", Form.List, "Dated capacity changes, applied at their simulated date.") { Item = InvestmentFields.Investment },
        new("uncertainty", Form.Object, "What the scenario is unsure about, for `corridorsim study`: distributions over inputs and the sampling design. Without it the scenario's inputs are taken as known.") { Item = UncertaintyFields.Uncertainty },
        new("plan", Form.Object, "A capacity-planning question, for `corridorsim plan`: a menu of candidate investments with capex, lead times and slippage, and the probability with which the target must be reached by a year.") { Item = PlanFields.Plan },
    ]);

    /// <summary>Every object shape, reachable from <see cref="Root"/>, each once, in first-reached order.</summary>
    public static IReadOnlyList<Shape> All { get; } = Walk(Root, []);

    /// <summary>The shape a record binds to (a stage kind's is the stage shape).</summary>
    public static Shape? For(Type type) =>
        All.FirstOrDefault(s => s.Type == type) ?? (type.BaseType is { } b && b != typeof(object) ? For(b) : null);

    private static List<Shape> Walk(Shape shape, List<Shape> seen)
    {
        seen.Add(shape);
        foreach (Field f in shape.Fields)
        {
            if (f.Item is { } item && !seen.Contains(item))
            {
                Walk(item, seen);
            }
        }

        return seen;
    }
}
