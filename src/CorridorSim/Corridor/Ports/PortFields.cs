namespace CorridorSim.Corridor;

/// <summary>The scenario fields of a port, its storms and their dated closures (defaults: the records' initializers).</summary>
internal static class PortFields
{
    public static Shape Closure { get; } = new("closure", "a dated closure", typeof(DatedClosure),
    [
        new("start", Form.Date, "When the closure starts: a date (midnight UTC) or an ISO 8601 date-time (UTC if no offset).") { Required = true },
        new("durationHours", Form.Number, "How long the closure lasts, in hours.") { Required = true, Min = 0, MinExclusive = true, Max = 87600 },
        Field.Source,
    ]);

    public static Shape Storms { get; } = new("storms", "a storm definition", typeof(StormDefinition),
    [
        new("episodesPerMonth", Form.Months, "Expected storm episodes starting in each calendar month, 12 values (January first).") { Min = 0, Max = 31 },
        new("durationHours", Form.Distribution, "Duration of one storm episode, in hours: a distribution."),
        new("closures", Form.List, "Fixed closures at known dates.") { Item = Closure },
        Field.Source,
    ]);

    public static Shape Port { get; } = new("port", "a port", typeof(PortDefinition),
    [
        Field.Id("id", "Unique component id, also the node id, e.g. \"port:aktau\"."),
        new("berths", Form.Integer, "Berths serving the vessel legs that call here.") { Required = true, Min = 1, Max = 1000 },
        new("handlingHours", Form.Distribution, "Handling time of one vessel call (load or unload), in hours: a distribution [S84: 20 h Baku average, 30 h protocol].") { Required = true },
        new("portTimeTargetHours", Form.Number, "Vessel port-time protocol reported against, in hours (TITR protocol 30 h [S84]).") { Min = 0, MinExclusive = true, Max = 8760 },
        new("storms", Form.Object, "Weather closures of the port: random storm episodes by month plus fixed dated closures; while closed no vessel berths, is handled or departs.") { Item = Storms },
        Field.Source,
    ]);
}
