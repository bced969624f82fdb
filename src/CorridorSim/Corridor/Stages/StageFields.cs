namespace CorridorSim.Corridor;

/// <summary>The scenario fields every stage kind shares; <c>kind</c> picks the definition type (<see cref="ComponentKinds"/>).</summary>
internal static class StageFields
{
    public static Shape Stage { get; } = new("stage", "a stage", typeof(StageDefinition),
    [
        Field.Id("id", "Unique component id, e.g. \"rail:dostyk-moyinty\"."),
        new("kind", Form.Words, "What the stage is: \"rail\" segment, \"border\" crossing, gauge-change \"transshipment\" or \"terminal\".")
        {
            Required = true, Words = [.. ComponentKinds.All.Where(k => k.Array == "stages").Select(k => k.Discriminator!)],
        },
        Field.Id("from", "Node id trains start from."),
        Field.Id("to", "Node id trains arrive at; different from \"from\"."),
        new("lengthKm", Form.Number, "Length in km (rail segments; informative).") { Min = 0, Max = 100_000 },
        new("trainsPerDay", Form.Number, "Line or processing capacity in trains per day in this direction.") { Required = true, Min = 0, MinExclusive = true, Max = 10_000 },
        new("transitHours", Form.Distribution, "Running time (rail) or dwell (border, transshipment, terminal) per train, in hours: a distribution.") { Required = true },
        new("maxFormationWaitHours", Form.Number, "Longest a unit waits for its train to fill before the train leaves part-loaded, in hours.") { Min = 0, Max = 8760 },
        new("modes", Form.List, "With kind \"transshipment\" only: the handling modes trains are worked by (bogie exchange, crane transfer, reloading), each adding its hours to the dwell for its share of the trains.")
        {
            Item = TransshipmentFields.Mode,
        },
        Field.Source,
    ]);
}
