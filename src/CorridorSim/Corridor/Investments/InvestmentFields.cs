namespace CorridorSim.Corridor;

/// <summary>The scenario fields of an investment; the range of <c>value</c> depends on the kind (<see cref="InvestmentDefinition.CheckValue"/>).</summary>
internal static class InvestmentFields
{
    public static Shape Investment { get; } = new("investment", "an investment", typeof(InvestmentDefinition),
    [
        Field.Id("name", "Label for reports, e.g. \"Dostyk–Moyinty second track\"."),
        new("date", Form.Date, "When the change takes effect: a date (midnight UTC) or an ISO 8601 date-time.") { Required = true },
        Field.Id("component", "The component changed: a port (berths, handlingTimeFactor), a stage (trainsPerDay), a vessel leg (addVessels, loadFactor) or a road leg (lanes, handlingTimeFactor)."),
        new("kind", Form.Words, "What changes: \"berths\" (a port's berth count), \"trainsPerDay\" (a stage's capacity), \"handlingTimeFactor\" (multiplies a port's or road leg's handling time), \"addVessels\" (adds the vessels listed), \"loadFactor\" (a vessel leg's load factor from then on), \"lanes\" (a road leg's lane count).")
        {
            Required = true, Words = ["berths", "trainsPerDay", "handlingTimeFactor", "addVessels", "loadFactor", "lanes"],
        },
        new("value", Form.Number, "The new value: berths or lanes (whole number 1..1000), trains per day (0, 10000], handling-time factor (0, 100] or load factor (0, 1]. Required for every kind but addVessels, where it must be absent."),
        new("vessels", Form.List, "Vessels added, with kind addVessels only (at least one).") { Item = VesselLegFields.Vessel },
        Field.Source,
    ]);
}
