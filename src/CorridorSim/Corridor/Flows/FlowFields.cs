namespace CorridorSim.Corridor;

/// <summary>The scenario fields of unit types, cargo flows and their routes (defaults: the records' initializers).</summary>
internal static class FlowFields
{
    public static Shape Unit { get; } = new("unit", "a unit type", typeof(UnitType),
    [
        Field.Id("id", "Unit type id referenced by flows and vessel legs, e.g. \"teu\" or \"wagon\"."),
        new("unitsPerTrain", Form.Integer, "Units that make one train at stages (e.g. 100 TEU [S157], 55 wagons).") { Required = true, Min = 1, Max = 10_000 },
        Field.Source,
    ]);

    public static Shape Route { get; } = new("route", "a route", typeof(RouteDefinition),
    [
        new("legs", Form.TextList, "Component ids in order from origin to destination: stages, vessel legs (passed either way) and road legs.") { Required = true, MinItems = 1 },
        new("share", Form.Number, "Share of the flow with routeChoice \"fixedShares\" (shares are normalised).") { Min = 0, Max = 1e9 },
        Field.Source,
    ]);

    public static Shape Diversion { get; } = new("diversion", "a diversion rule", typeof(DiversionRule),
    [
        new("mode", Form.Words, "\"afterDays\": a unit that has waited more than afterDays at its route's first component (before it is taken into service) leaves for the alternative and counts as diverted; \"off\": units wait however long it takes.")
        {
            Words = ["afterDays", "off"],
        },
        new("afterDays", Form.Number, "Days a unit may wait at its first component before it leaves; checked once a simulated day. Default: the longest wait of the 2020 Dostyk backlog, up to 42 days [S209].") { Min = 0, MinExclusive = true, Max = 3650 },
        new("to", Form.Text, "The alternative diverted units leave for, for reports, e.g. \"northern-route\" [S8] or \"trucks\".") { MinLength = 1 },
        Field.Source,
    ]);

    public static Shape Flow { get; } = new("flow", "a flow", typeof(CargoFlowDefinition),
    [
        Field.Id("id", "Unique flow id."),
        new("commodity", Form.Text, "Commodity, e.g. containers, oil, grain, metals, other; mass is accounted per commodity.") { MinLength = 1 },
        Field.Id("unit", "The unit type: an id from $.units."),
        new("tonsPerUnit", Form.Number, "Tons per unit [P7: 14 t/TEU; P8: 60 t/wagon].") { Required = true, Min = 0, MinExclusive = true, Max = 1_000_000 },
        new("annualTons", Form.Number, "Demand in tons per year in baseYear.") { Required = true, Min = 0, Max = 1e9 },
        new("baseYear", Form.Integer, "Calendar year annualTons refers to.") { Min = 1900, Max = 2200 },
        new("growthPerYear", Form.Number, "Demand growth per year as a fraction (0.2 = +20 %/yr), compounding from baseYear.") { Min = -1, MinExclusive = true, Max = 10 },
        new("annualTonsByYear", Form.YearMap, "Explicit demand in tons by calendar year, e.g. {\"2025\": 5000000}, overriding annualTons and growth for the years listed.") { Min = 0, Max = 1e9 },
        new("seasonality", Form.Months, "Relative demand by calendar month, 12 non-negative values (January first, normalised, positive sum); none: flat.") { Min = 0, Max = 1e6, MaxExclusive = true },
        Field.Id("origin", "Node id where units appear."),
        Field.Id("destination", "Node id where units are delivered."),
        new("routes", Form.List, "Alternative routes, at least one; each must lead from origin to destination.") { Required = true, MinItems = 1, Item = Route },
        new("routeChoice", Form.Words, "How each unit picks a route: \"fixedShares\" (at random with the routes' shares) or \"shortestExpectedTime\" (nominal transit plus current queues).")
        {
            Words = ["fixedShares", "shortestExpectedTime"],
        },
        new("diversion", Form.Object, "What happens to units that wait too long at their first component; default: after 42 days they leave for the northern route.") { Item = Diversion },
        Field.Source,
    ]);
}
