namespace CorridorSim.Corridor;

/// <summary>A dated slowdown of a stage (a border congestion episode): capacity multiplied by a factor.</summary>
public sealed record SlowdownDefinition
{
    /// <summary>The stage id.</summary>
    public required string Component { get; init; }

    /// <summary>Start date.</summary>
    public required DateTime Start { get; init; }

    /// <summary>Duration in days.</summary>
    public required double DurationDays { get; init; }

    /// <summary>Capacity factor during the slowdown, in (0, 1].</summary>
    public required double CapacityFactor { get; init; }

    internal void Validate(ValidationContext context, string p, IReadOnlyDictionary<string, ComponentDefinition> components)
    {
        if (!(components.TryGetValue(Component ?? string.Empty, out ComponentDefinition? c) && c.CanSlowDown))
        {
            context.Error(p + ".component", $"slowdown: '{Component}' is not a stage defined in $.stages.");
        }

        // Ranges: SlowdownFields (ValidationContext.CheckRanges).
    }
}
