namespace CorridorSim.Corridor;

/// <summary>The scenario fields of a vessel leg and its vessels (defaults: the records' initializers).</summary>
internal static class VesselLegFields
{
    public static Shape Vessel { get; } = new("vessel", "a vessel", typeof(VesselDefinition),
    [
        Field.Id("name", "The vessel's name."),
        new("capacityUnits", Form.Integer, "Capacity in units of the leg's unit type (wagons, TEU, tanker loads) at full draft.") { Required = true, Min = 1, Max = 100_000 },
        new("inServiceFrom", Form.Date, "When the vessel enters service (UTC); none: from the start."),
        Field.Source,
    ]);

    public static Shape VesselLeg { get; } = new("vesselLeg", "a vessel leg", typeof(VesselLegDefinition),
    [
        Field.Id("id", "Unique component id, e.g. \"ferry:kuryk-alat\"."),
        new("kind", Form.Words, "\"ferry\" (rail wagons, trucks) or \"sea\" (containers, tankers), for reports.") { Required = true, Words = ["ferry", "sea"] },
        Field.Id("portA", "One end: a port id from $.ports (the fleet's home end)."),
        Field.Id("portB", "The other end: a port id from $.ports, different from portA."),
        Field.Id("unit", "The unit type the fleet carries: an id from $.units."),
        new("vessels", Form.List, "The fleet; may be empty only if an addVessels investment adds vessels.") { Required = true, Item = Vessel },
        new("sailingHours", Form.Distribution, "Sailing time one way, in hours: a distribution [S190: 18–22 h across the Caspian].") { Required = true },
        new("departure", Form.Words, "Departure rule: \"whenFullOrMaxWait\" (leave when full, or when the first unit aboard has waited maxWaitHours) or \"timetable\" (leave every timetableIntervalHours with whatever is loaded).")
        {
            Words = ["whenFullOrMaxWait", "timetable"],
        },
        new("maxWaitHours", Form.Number, "With whenFullOrMaxWait: longest wait for cargo at portA, in hours [S211: 1–14 days].") { Min = 0, Max = 8760 },
        new("backhaulMaxWaitHours", Form.Number, "With whenFullOrMaxWait: longest wait for cargo at portB (the backhaul end), in hours; 0 takes what is queued and returns.") { Min = 0, Max = 8760 },
        new("timetableIntervalHours", Form.Number, "With timetable: hours between departures of one vessel; at least 0.1 (a vessel leaves for each slot, so the slots must be apart in time).") { Min = 0.1, Max = 8760 },
        new("loadFactorByYear", Form.YearMap, "Draft-limited load factor (share of capacity usable) by calendar year, e.g. {\"2024\": 0.8} for sea-level decline [S37][S38]; years not listed take the nearest listed year; none: 1.0.")
        {
            Min = 0, MinExclusive = true, Max = 1,
        },
        Field.Source,
    ]);
}
