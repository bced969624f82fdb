namespace CorridorSim.Corridor;

/// <summary>One registered component kind: the scenario array it is read from and its definition type.</summary>
/// <param name="Array">The top-level scenario array (e.g. <c>ports</c>); kinds sharing an array are told apart by <paramref name="Discriminator"/>.</param>
/// <param name="Discriminator">The value of the array item's <c>kind</c> field, or null when the array holds one kind.</param>
/// <param name="DefinitionType">The definition record.</param>
internal sealed record ComponentKind(string Array, string? Discriminator, Type DefinitionType);

/// <summary>
/// The registry of component kinds, the one place a new kind is added. Runtimes are created and started in the
/// order of <see cref="CorridorDefinition.Components"/>; the loader reads the arrays in the order listed here.
/// </summary>
internal static class ComponentKinds
{
    public static IReadOnlyList<ComponentKind> All { get; } =
    [
        new("ports", null, typeof(PortDefinition)),
        new("stages", "rail", typeof(RailSegmentDefinition)),
        new("stages", "border", typeof(BorderCrossingDefinition)),
        new("stages", "transshipment", typeof(TransshipmentDefinition)),
        new("stages", "terminal", typeof(TerminalDefinition)),
        new("vesselLegs", null, typeof(VesselLegDefinition)),
        new("roadLegs", null, typeof(RoadLegDefinition)),
    ];

    /// <summary>The distinct arrays, in registry order.</summary>
    public static IReadOnlyList<string> Arrays { get; } = All.Select(k => k.Array).Distinct().ToArray();

    /// <summary>The position of a definition's array among <see cref="Arrays"/>.</summary>
    public static int ArrayIndex(ComponentDefinition definition)
    {
        string array = Of(definition).Array;
        for (int i = 0; i < Arrays.Count; i++)
        {
            if (Arrays[i] == array)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{definition.GetType().Name} is not a registered component kind.");
    }

    /// <summary>The kind of a definition.</summary>
    public static ComponentKind Of(ComponentDefinition definition) =>
        All.First(k => k.DefinitionType == definition.GetType());
}
