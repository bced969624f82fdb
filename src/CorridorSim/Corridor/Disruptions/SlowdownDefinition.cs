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
        else if (c is StageDefinition stage)
        {
            // The slowest the stage can be while slowed down: its own capacity or the lowest an investment sets.
            double trainsPerDay = context.Definition.Investments
                .Where(i => i.Kind == InvestmentKind.TrainsPerDay && i.Component == Component && i.Value > 0)
                .Select(i => i.Value)
                .Append(stage.TrainsPerDay)
                .Min();
            context.CheckHeadway(p + ".capacityFactor", $"slowdown of '{Component}'", trainsPerDay, CapacityFactor);
        }

        // Ranges: SlowdownFields (ValidationContext.CheckRanges).
    }
}
