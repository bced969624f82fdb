namespace CorridorSim.Corridor;

/// <summary>A dated capacity change, applied at that simulated date.</summary>
public sealed record InvestmentDefinition
{
    /// <summary>A label for reports, e.g. "Dostyk–Moyinty second track".</summary>
    public required string Name { get; init; }

    /// <summary>When the change takes effect.</summary>
    public required DateTime Date { get; init; }

    /// <summary>The component changed.</summary>
    public required string Component { get; init; }

    /// <summary>What changes.</summary>
    public required InvestmentKind Kind { get; init; }

    /// <summary>The new value (berths, trains/day, factor or load factor); unused for <see cref="InvestmentKind.AddVessels"/>.</summary>
    public double Value { get; init; }

    /// <summary>Vessels added by <see cref="InvestmentKind.AddVessels"/>.</summary>
    public IReadOnlyList<VesselDefinition> Vessels { get; init; } = [];

    /// <summary>Whether <paramref name="value"/> is a valid value for <paramref name="kind"/>, and the range as messages state it.</summary>
    internal static (bool Valid, string Range) CheckValue(InvestmentKind kind, double value) => kind switch
    {
        InvestmentKind.Berths or InvestmentKind.Lanes => (value >= 1 && value <= 1000 && value == Math.Floor(value), "a whole number within 1..1000"),
        InvestmentKind.TrainsPerDay => (value > 0 && value <= 10_000, "within (0, 10000]"),
        InvestmentKind.HandlingTimeFactor => (value > 0 && value <= 100, "within (0, 100]"),
        InvestmentKind.LoadFactor => (value > 0 && value <= 1, "within (0, 1]"),
        _ => (true, string.Empty),
    };

    internal void Validate(ValidationContext context, string p, IReadOnlyDictionary<string, ComponentDefinition> components)
    {
        if (!components.TryGetValue(Component ?? string.Empty, out ComponentDefinition? c))
        {
            context.Error(p + ".component", $"investment '{Name}': '{Component}' is not a component defined in the corridor.");
        }
        else if (!c.Investments.Contains(Kind))
        {
            context.Error(p + ".component", $"investment '{Name}': {c.What} '{Component}' takes no investment of kind {Kind}; it takes {string.Join(", ", c.Investments)}.");
        }

        (bool valid, string range) = CheckValue(Kind, Value);
        if (!valid)
        {
            context.Error(p + ".value", $"investment '{Name}': value must be {range} for kind {Kind}, found {ValidationContext.Format(Value)}.");
        }
        else if (Kind == InvestmentKind.TrainsPerDay)
        {
            context.CheckHeadway(p + ".value", $"investment '{Name}'", Value, 1);
        }

        if (Kind == InvestmentKind.AddVessels)
        {
            if (Vessels.Count == 0)
            {
                context.Error(p + ".vessels", $"investment '{Name}': AddVessels needs at least one vessel.");
            }

        }
    }
}
