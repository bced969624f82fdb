namespace CorridorSim.Corridor;

/// <summary>The scenario fields of a slowdown.</summary>
internal static class SlowdownFields
{
    public static Shape Slowdown { get; } = new("slowdown", "a slowdown", typeof(SlowdownDefinition),
    [
        Field.Id("component", "The stage slowed down: an id from $.stages."),
        new("start", Form.Date, "Start: a date (midnight UTC) or an ISO 8601 date-time.") { Required = true },
        new("durationDays", Form.Number, "Duration in days.") { Required = true, Min = 0, MinExclusive = true, Max = 3650 },
        new("capacityFactor", Form.Number, "Capacity multiplier during the slowdown.") { Required = true, Min = 0, MinExclusive = true, Max = 1 },
        Field.Source,
    ]);
}
