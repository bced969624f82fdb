namespace CorridorSim.Corridor;

/// <summary>The corridor variants a capacity search simulates: demand scaled at the year's mix, one component relieved.</summary>
internal static class CorridorVariants
{
    /// <summary>
    /// The corridor with every flow's demand set to <paramref name="factor"/> × its demand in <paramref name="year"/>,
    /// the same in the year before (so a warm-up sees the year's demand) and in the year itself: the cargo mix of
    /// the year at a chosen level. Infrastructure, closures and investments are as dated.
    /// </summary>
    public static CorridorDefinition AtDemand(this CorridorDefinition corridor, int year, double factor) => corridor with
    {
        Flows = [.. corridor.Flows.Select(f =>
        {
            double tons = f.TonsInYear(year) * factor;
            return f with
            {
                AnnualTons = tons,
                BaseYear = year,
                GrowthPerYear = 0,
                AnnualTonsByYear = new Dictionary<int, double> { [year - 1] = tons, [year] = tons },
            };
        })],
    };

    /// <summary>
    /// The corridor with component <paramref name="id"/> relieved as its kind states (<see cref="ComponentDefinition.Relief"/>),
    /// its later dated investments adjusted so that the relief stays in force.
    /// </summary>
    /// <exception cref="ArgumentException">No component has the id, or its kind has no relief.</exception>
    public static CorridorDefinition Relieving(this CorridorDefinition corridor, string id, int year)
    {
        ComponentDefinition c = corridor.Components.FirstOrDefault(x => x.Id == id)
            ?? throw new ArgumentException($"No component '{id}' in corridor '{corridor.Name}'.", nameof(id));
        if (c.Relief is null)
        {
            throw new ArgumentException($"{c.What} '{id}' has no relief.", nameof(id));
        }

        return corridor with
        {
            Components = [.. corridor.Components.Select(x => x.Id == id ? x.Relieved(year) : x)],
            Investments = [.. corridor.Investments.Select(i => i.Component == id ? c.Relieved(i) : i)],
        };
    }
}
