using CorridorSim.Engine;

namespace CorridorSim.Corridor;

/// <summary>Weather closures of a port: random storm episodes by month, plus fixed dated closures.</summary>
public sealed record StormDefinition
{
    /// <summary>Expected storm episodes starting in each calendar month (12 values, January first); empty for none.</summary>
    public IReadOnlyList<double> EpisodesPerMonth { get; init; } = [];

    /// <summary>Duration of one episode in hours.</summary>
    public Distribution DurationHours { get; init; } = Distribution.Constant(48);

    /// <summary>Fixed closures (start date, duration in hours), e.g. a storm known to have happened.</summary>
    public IReadOnlyList<DatedClosure> Closures { get; init; } = [];

    internal void Validate(ValidationContext context, string path, string port)
    {
        if (EpisodesPerMonth.Count is not (0 or 12))
        {
            context.Error(path + ".episodesPerMonth", $"port '{port}': episodesPerMonth needs 12 values (January first), found {EpisodesPerMonth.Count}.");
        }

        // Ranges: PortFields (ValidationContext.CheckRanges).
        context.CheckDistribution(path + ".durationHours", port, DurationHours);
    }
}
