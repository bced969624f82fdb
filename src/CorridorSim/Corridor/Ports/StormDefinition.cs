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

        for (int m = 0; m < EpisodesPerMonth.Count; m++)
        {
            if (!(EpisodesPerMonth[m] >= 0 && EpisodesPerMonth[m] <= 31))
            {
                context.Error($"{path}.episodesPerMonth[{m}]", $"port '{port}': episodes per month must be within 0..31, found {ValidationContext.Format(EpisodesPerMonth[m])}.");
            }
        }

        context.CheckDistribution(path + ".durationHours", port, DurationHours);
        for (int c = 0; c < Closures.Count; c++)
        {
            if (!(Closures[c].DurationHours > 0))
            {
                context.Error($"{path}.closures[{c}].durationHours", $"port '{port}': a closure must last a positive number of hours, found {ValidationContext.Format(Closures[c].DurationHours)}.");
            }
        }
    }
}
