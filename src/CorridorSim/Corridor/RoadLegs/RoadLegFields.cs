namespace CorridorSim.Corridor;

/// <summary>The scenario fields of a road leg (defaults: <see cref="RoadLegDefinition"/>'s initializers).</summary>
internal static class RoadLegFields
{
    public static Shape RoadLeg { get; } = new("roadLeg", "a road leg", typeof(RoadLegDefinition),
    [
        Field.Id("id", "Unique component id, e.g. \"road:khorgos-almaty\"."),
        Field.Id("from", "Node id trucks start from."),
        Field.Id("to", "Node id trucks arrive at; different from \"from\"."),
        new("lanes", Form.Integer, "Processing lanes at the gate (border booths, terminal gates) working in parallel.") { Min = 1, Max = 1000 },
        new("processingHours", Form.Distribution, "Processing time of one truck at the gate, in hours: a distribution.") { Required = true },
        new("haulHours", Form.Distribution, "Driving time of one truck from the gate to \"to\", in hours: a distribution.") { Required = true },
        Field.Source,
    ]);
}
