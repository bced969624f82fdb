using System.Globalization;
using CorridorSim.Corridor;

namespace CorridorSim.Experiments;

/// <summary>
/// The Caspian's fall as an uncertain input: from the input's year on, every vessel leg's load factor falls by
/// (fall in cm a year × load factor per cm) a year from where the scenario has it, restarting at each dated load
/// factor (dredging), never below <see cref="LeastLoadFactor"/>. It replaces the slope of the scenario's own
/// load-factor table after that year.
/// </summary>
internal static class SeaLevel
{
    /// <summary>The lowest load factor the fall can bring a leg to.</summary>
    public const double LeastLoadFactor = 0.05;

    /// <summary>The scenario with the fall <paramref name="cmPerYear"/> applied to every vessel leg.</summary>
    public static Scenario Falling(Scenario s, UncertainInput input, double cmPerYear)
    {
        CorridorDefinition c = s.Corridor;
        SimulationSettings settings = s.Simulation;
        (int first, int last) = settings.SimulatedYears;
        int from = input.FromYear == 0 ? settings.StartYear : input.FromYear;
        DateTime start = January(from);
        double perYear = cmPerYear * input.LoadFactorPerCm;
        var investments = new List<InvestmentDefinition>(c.Investments);
        var components = new List<ComponentDefinition>(c.Components.Count);
        foreach (ComponentDefinition x in c.Components)
        {
            if (x is not VesselLegDefinition leg)
            {
                components.Add(x);
                continue;
            }

            double anchor = leg.TableLoadFactor(from);
            components.Add(leg with
            {
                LoadFactorByYear = Enumerable.Range(first, last - first + 1)
                    .ToDictionary(y => y, y => y <= from ? leg.TableLoadFactor(y) : Clamp(anchor - (perYear * (y - from)))),
            });

            InvestmentDefinition[] resets = [.. c.Investments.Where(i => i.Component == leg.Id && i.Kind == InvestmentKind.LoadFactor).OrderBy(i => i.Date)];
            for (int y = Math.Max(first + 1, from + 1); y <= last; y++)
            {
                DateTime at = January(y);
                if (resets.LastOrDefault(r => r.Date <= at) is not { } reset)
                {
                    continue; // the table carries the fall until the first dated load factor
                }

                double years = Math.Max(0, (at - (reset.Date > start ? reset.Date : start)).TotalDays / 365.25);
                investments.Add(new InvestmentDefinition
                {
                    Name = string.Create(CultureInfo.InvariantCulture, $"{input.Name}: {leg.Id} {y}"),
                    Date = at,
                    Component = leg.Id,
                    Kind = InvestmentKind.LoadFactor,
                    Value = Clamp(reset.Value - (perYear * years)),
                });
            }
        }

        return s with { Corridor = c with { Components = components, Investments = investments } };
    }

    private static DateTime January(int year) => new(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static double Clamp(double loadFactor) => Math.Clamp(loadFactor, LeastLoadFactor, 1);
}
