namespace CorridorSim.Corridor;

/// <summary>The scenario fields of a transshipment's handling mode (a transshipment is otherwise a stage, <see cref="StageFields"/>).</summary>
internal static class TransshipmentFields
{
    public static Shape Mode { get; } = new("handlingMode", "a handling mode", typeof(HandlingMode),
    [
        Field.Id("name", "A label, e.g. \"bogie exchange\" or \"crane transfer\"."),
        new("share", Form.Number, "Relative share of the trains worked this way (shares are normalised).") { Min = 0, MinExclusive = true, Max = 1e9 },
        new("hours", Form.Distribution, "Hours this mode adds to a train's dwell: a distribution.") { Required = true },
        Field.Source,
    ]);
}
